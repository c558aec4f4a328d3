using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Persistence;

/// <summary>The PostgreSQL flavour of <see cref="PortalDbContext"/>; owns the migrations in Migrations/Postgres.</summary>
public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options)
{
    /// <summary>The view's column that narrows a range of starts to the day rows that hold it (<see cref="ReadingRange"/>).</summary>
    public const string DayColumn = "Day";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Readings are stored a row per reading type and UTC day (ReadingDays); "Readings" is the view that
        // unnests them (migration ReadingDaysOnPostgres), so every reader keeps reading StoredReading rows.
        var reading = builder.Entity<StoredReading>();
        reading.ToTable((string?)null).ToView("Readings");
        reading.Property<long>(DayColumn);

        var day = builder.Entity<ReadingDay>();
        day.ToTable("ReadingDays");
        day.HasKey(d => new { d.LinkId, d.ReadingTypeId, d.Day });
        // Cascades from the reading type, so deleting a link or an account deletes its days.
        day.HasOne<ReadingTypeRow>().WithMany()
            .HasForeignKey(d => new { d.LinkId, d.ReadingTypeId })
            .HasPrincipalKey(t => new { t.LinkId, t.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
