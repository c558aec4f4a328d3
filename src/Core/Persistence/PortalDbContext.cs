using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Persistence;

/// <summary>
/// The portal's database: Identity, links, requests, callbacks, readings, the rate budget and the
/// Data Protection keys. Each provider has a subclass (<see cref="SqlitePortalDbContext"/>,
/// <see cref="PostgresPortalDbContext"/>) that owns its migrations; code uses this type.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options)
    : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<ServiceLink> ServiceLinks => Set<ServiceLink>();

    public DbSet<DataRequest> DataRequests => Set<DataRequest>();

    public DbSet<CallbackInbox> CallbackInbox => Set<CallbackInbox>();

    public DbSet<ReadingTypeRow> ReadingTypes => Set<ReadingTypeRow>();

    public DbSet<StoredReading> Readings => Set<StoredReading>();

    public DbSet<RateSlot> RateSlots => Set<RateSlot>();

    public DbSet<DispatchControl> DispatchControl => Set<DispatchControl>();

    public DbSet<LinkRefusal> LinkRefusals => Set<LinkRefusal>();

    public DbSet<LinkHold> LinkHolds => Set<LinkHold>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<DispatcherRow> Dispatchers => Set<DispatcherRow>();

    public DbSet<LinkNotice> LinkNotices => Set<LinkNotice>();

    public DbSet<BacklogSample> BacklogSamples => Set<BacklogSample>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset; UTC ticks order correctly on every provider.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly,
            type => type.Namespace == typeof(PortalDbContext).Namespace);
    }

    // Every optimistic-concurrency token is a Version counter; bumping it here means no caller can forget.
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Modified || entry.Metadata.FindProperty("Version") is not { } property)
            {
                continue;
            }

            var version = entry.Property(property.Name);
            version.CurrentValue = (long)version.OriginalValue! + 1;
        }
    }
}
