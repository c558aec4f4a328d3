using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GbcPortal.Pipeline.Tests;

/// <summary>
/// What the demo's 15-minute solar Service ID costs on disk once its 13 months are in: the real portal links
/// 1000000001 against the in-process simulator (the shipped demo accounts, default planning: a Verify week and
/// 185-day backfills) and ingests every callback; then the file (with its WAL) is measured while the portal runs.
/// The figures (bytes per reading, per table) go to the test output; README "Callback bodies" quotes them.
/// </summary>
public sealed class DemoServiceStorageTests
{
    private const string ServiceId = "1000000001", Pin = "1234";
    private const long SqliteLimitBytes = 8L * 1024 * 1024;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Thirteen_months_of_the_demo_solar_service_fit_in_a_small_database(DatabaseProvider provider)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var database = await PortalFactoryDatabase.CreateAsync(provider);
        await using var portal = new PortalFactory(database.With(new Dictionary<string, string?>
        {
            ["Utility:Mode"] = "Simulated",
            ["Utility:BaseUrl"] = null,
            ["Simulator:ApiUrl"] = "https://127.0.0.1:0",
            ["Simulator:AdminUrl"] = "http://127.0.0.1:0",
            ["Simulator:Faults:delaySeconds:min"] = "0.1",
            ["Simulator:Faults:delaySeconds:max"] = "0.5",
            ["Simulator:Faults:transient503Share"] = "0",
            ["Simulator:Faults:duplicateCallbackShare"] = "0",
            ["Simulator:Faults:lostFirstDeliveryShare"] = "0",
            ["Simulator:Faults:asyncRejectionShare"] = "0",
        }));
        portal.StartServer();
        var owner = await CustomerAsync(portal);
        var linked = await portal.Services.GetRequiredService<LinkService>().LinkAsync(owner, ServiceId, Pin, cancel);
        Assert.True(linked.Succeeded, linked.Error);

        var done = await TestData.EventuallyAsync(async () =>
        {
            await using var db = await portal.Databases.CreateDbContextAsync(cancel);
            return await db.DataRequests.AllAsync(r => r.Status == RequestStatus.Complete, cancel)
                && await db.CallbackInbox.AnyAsync(cancel)
                && await db.CallbackInbox.AllAsync(c => c.State == InboxState.Processed, cancel)
                && IngestJobsFinished(portal); // a job compresses its body after marking it Processed
        }, ok => ok, TimeSpan.FromMinutes(4));
        Assert.True(done, "every request of 1000000001 completes and every callback is ingested");

        await using var check = await portal.Databases.CreateDbContextAsync(cancel);
        var readings = await check.Readings.CountAsync(cancel);
        var callbacks = await check.CallbackInbox.CountAsync(cancel);
        Assert.True(readings > 13 * 28 * 96 * 2, $"13 months of two 15-minute flows, got {readings} readings");
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"{provider}: {readings:N0} readings from {callbacks} callbacks");
        foreach (var c in await check.CallbackInbox.AsNoTracking().OrderBy(c => c.Id)
                     .Select(c => new { c.Id, c.BodyEncoding, c.Body.Length }).ToListAsync(cancel))
            output.WriteLine($"  callback {c.Id}: {c.BodyEncoding}, {c.Length:N0} bytes stored");

        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(portal.DataDirectory, "portal.db");
            long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
            var (main, wal) = (Size(file), Size(file + "-wal"));
            output.WriteLine($"portal.db {main:N0} bytes + portal.db-wal {wal:N0} bytes = {main + wal:N0} bytes ({(main + wal) / 1048576.0:F2} MB)");
            foreach (var (name, bytes) in await SqliteTableSizesAsync(file))
                output.WriteLine($"  {name,-28} {bytes,12:N0} bytes  {(double)bytes / readings,7:F2} bytes/reading");
            Assert.True(main + wal < SqliteLimitBytes, $"portal.db with its WAL is {main + wal:N0} bytes, over 8 MB");
        }
        else
        {
            foreach (var (name, bytes) in await PostgresTableSizesAsync(check.Database.GetConnectionString()!))
                output.WriteLine($"  {name,-28} {bytes,12:N0} bytes  {(double)bytes / readings,7:F2} bytes/reading");
        }
    }

    /// <summary>
    /// Bytes of the readings and of the bodies. The bundled SQLite has no dbstat, so a table's share is what a
    /// compact copy of the file (VACUUM INTO) loses when that table's data is removed from it.
    /// </summary>
    private static async Task<List<(string, long)>> SqliteTableSizesAsync(string file)
    {
        var sizes = new List<(string, long)>();
        var full = await CompactSizeAsync(file, null);
        sizes.Add(("whole file, compacted", full));
        sizes.Add(("Readings", full - await CompactSizeAsync(file, "DELETE FROM Readings")));
        sizes.Add(("CallbackBodies", full - await CompactSizeAsync(file, "UPDATE CallbackBodies SET Body = x''")));
        return sizes;
    }

    private static async Task<long> CompactSizeAsync(string file, string? removal)
    {
        var copy = $"{file}.{Guid.NewGuid():N}.measure";
        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            await source.OpenAsync();
            await using var vacuum = source.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $copy";
            vacuum.Parameters.AddWithValue("$copy", copy);
            await vacuum.ExecuteNonQueryAsync();
        }
        if (removal is not null)
        {
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
            await target.OpenAsync();
            await using var command = target.CreateCommand();
            command.CommandText = $"PRAGMA foreign_keys = OFF; {removal}; VACUUM;";
            await command.ExecuteNonQueryAsync();
        }
        var size = new FileInfo(copy).Length;
        File.Delete(copy);
        return size;
    }

    /// <summary>Bytes of the readings and bodies tables, heap (with TOAST) and indexes apart.</summary>
    private static async Task<List<(string, long)>> PostgresTableSizesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var sizes = new List<(string, long)>();
        // Readings are stored a row per reading type and day ("Readings" is the view over them).
        foreach (var table in new[] { "ReadingDays", "CallbackBodies", "CallbackInbox" })
        {
            await using var command = new NpgsqlCommand(
                $"SELECT pg_table_size('\"{table}\"'), pg_indexes_size('\"{table}\"')", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            sizes.Add((table + " (table+TOAST)", reader.GetInt64(0)));
            sizes.Add((table + " (indexes)", reader.GetInt64(1)));
        }
        return sizes;
    }

    private static bool IngestJobsFinished(PortalFactory portal)
    {
        var monitor = portal.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        return monitor.ProcessingCount() == 0 && monitor.Queues().All(q => q.Length == 0) && monitor.ScheduledCount() == 0;
    }

    private static async Task<string> CustomerAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = "storage@example.test", Email = "storage@example.test", EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "Customer-Test-2026!")).Succeeded);
        return user.Id;
    }
}
