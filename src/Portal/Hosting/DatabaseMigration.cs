using GbcPortal.Core.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Portal.Hosting;

/// <summary>The database brought up to date once, at start, before any hosted service (jobs, seeder, dispatcher) runs.</summary>
public static class DatabaseMigration
{
    /// <summary>
    /// Applies the portal's migrations, then builds Hangfire's storage, which installs its own schema
    /// (<c>PrepareSchemaIfNecessary</c>). On PostgreSQL both happen in one turn under the migration lock: instances that
    /// start together on an empty server take turns instead of racing to create the same tables.
    /// </summary>
    public static Task MigrateDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default) =>
        PortalDatabase.MigrateAsync(app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), cancellationToken,
            (_, _) =>
            {
                app.Services.GetRequiredService<JobStorage>();
                return Task.CompletedTask;
            });
}
