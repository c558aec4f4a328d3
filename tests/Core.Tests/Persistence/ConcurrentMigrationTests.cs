using GbcPortal.Core.Persistence;
using GbcPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Persistence;

/// <summary>Several instances starting together on a PostgreSQL server where their database does not exist yet.</summary>
public sealed class ConcurrentMigrationTests
{
    [Fact]
    public async Task Four_instances_migrating_one_empty_database_at_once_all_succeed_and_agree()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await PostgresServer.GetAsync();
        var name = PostgresServer.NewDatabaseName("migrate");
        try
        {
            // Each "instance" has its own factory (its own pool), as separate processes would.
            var instances = Enumerable.Range(0, 4).Select(_ => PortalDatabase.CreateFactory(DatabaseProvider.Postgres, server.ConnectionString(name))).ToList();
            var hooked = 0;
            await Task.WhenAll(instances.Select(factory => Task.Run(() => PortalDatabase.MigrateAsync(factory, ct,
                (_, _) => { Interlocked.Increment(ref hooked); return Task.CompletedTask; }), ct)));

            Assert.Equal(4, hooked);
            await using var db = await instances[0].CreateDbContextAsync(ct);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
            Assert.Equal(1, await db.DispatchControl.CountAsync(ct));
        }
        finally
        {
            await server.DropDatabaseAsync(name);
        }
    }
}
