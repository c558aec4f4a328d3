using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GbcPortal.Core.Tests.Persistence;

/// <summary>For a data migration's test: the database as it was just before that migration, with one account (<c>u1</c>) to own links.</summary>
internal static class MigratedJustBefore
{
    public static async Task<PortalDbContext> OpenAsync(TempDatabase database, string migrationName, CancellationToken ct)
    {
        var db = await database.Factory.CreateDbContextAsync(ct);
        var all = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(all[all.FindIndex(m => m.EndsWith("_" + migrationName, StringComparison.Ordinal)) - 1], cancellationToken: ct);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "AspNetUsers" ("Id", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "EmailAboutServices")
                VALUES ('u1', FALSE, FALSE, FALSE, FALSE, 0, FALSE)
            """, ct);
        return db;
    }
}
