using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Persistence;

/// <summary>The SQLite flavour of <see cref="PortalDbContext"/>; owns the migrations in Migrations/Sqlite.</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite keeps decimal as text and cannot sum or order it; a double is exact enough for a bill.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
        configurationBuilder.Properties<decimal?>().HaveConversion<double?>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // EF stops inferring AUTOINCREMENT once the key's column is shared with the body table;
        // without it SQLite may hand a deleted callback's id to the next one, and jobs carry ids.
        builder.Entity<CallbackInbox>().Property(c => c.Id).UseAutoincrement();
    }
}
