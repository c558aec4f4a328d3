using BenchmarkDotNet.Attributes;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GbcPortal.Benchmarks.Requests;

/// <summary>
/// Issue 14 at its target size: 50,000 active services (12x a night at 6 a minute) in a SQLite file, their newest
/// readings 0 to 12 days old. <see cref="Report"/> is what the staff panel reads (counts, staleness, forecast, cycle);
/// <see cref="PlanNight"/> plans a night (3,888 refreshes, stalest first, spread) and deletes them again. Baseline in
/// the same run: one bare COUNT of the active services, the least either has to read.
/// </summary>
[MemoryDiagnoser]
public class CapacityBenchmarks
{
    private const int Services = 50_000;

    // 10:00 PST on 26 November 2025: the night to plan opens at 18:00.
    private static readonly DateTimeOffset Now = new(2025, 11, 26, 18, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("gbc-capacity-bench-").FullName;
    private IDbContextFactory<PortalDbContext> _factory = null!;
    private CapacityQueries _queries = null!;
    private RequestPlanner _planner = null!;

    [GlobalSetup]
    public void Setup()
    {
        _factory = PortalDatabase.CreateSqliteFactory(Path.Combine(_folder, "portal.db"));
        PortalDatabase.MigrateAsync(_factory).GetAwaiter().GetResult();
        Seed();
        var dispatch = Options.Create(new DispatchOptions());
        var offPeak = new OffPeakWindow(dispatch);
        var time = new FixedTime(Now);
        _queries = new CapacityQueries(_factory, offPeak, new BacklogForecast(offPeak, dispatch), time, dispatch);
        _planner = new RequestPlanner(_factory, new RequestStatusNotifier(NullLogger<RequestStatusNotifier>.Instance), time,
            Options.Create(new PlanningOptions()), offPeak, dispatch);
        var report = Report();
        Console.WriteLine($"// {report.ActiveServices} active, C = {report.Capacity.NightlyRefreshes}, cycle {report.CycleDays} days, "
            + $"{report.Staleness.Count} staleness bars; a night plans {PlanNight()} requests");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public int CountActive()
    {
        using var db = _factory.CreateDbContext();
        return db.ServiceLinks.Count(l => l.Status == LinkStatus.Active);
    }

    [Benchmark]
    public CapacityReport Report() => _queries.GetAsync().GetAwaiter().GetResult();

    [Benchmark]
    public int PlanNight()
    {
        var planned = _planner.PlanRefreshesAsync().GetAwaiter().GetResult();
        using var db = _factory.CreateDbContext();
        db.DataRequests.ExecuteDelete();
        return planned;
    }

    private void Seed()
    {
        using var db = _factory.CreateDbContext();
        db.Users.Add(new PortalUser { Id = "bench-owner", UserName = "bench@example.test", Email = "bench@example.test" });
        db.SaveChanges();
        db.Database.OpenConnection();
        var connection = db.Database.GetDbConnection();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO \"ServiceLinks\" (\"OwnerId\", \"ServiceId\", \"Status\", \"NeedsReview\", \"TimeZoneId\", "
            + "\"LastCompleteReadingAt\", \"CreatedAt\", \"StatusChangedAt\", \"Version\") "
            + "VALUES ('bench-owner', $service, $status, 0, 'America/Los_Angeles', $last, $now, $now, 0)";
        var service = new SqliteParameter("$service", "");
        var last = new SqliteParameter("$last", 0L);
        insert.Parameters.AddRange(new[] { service, new SqliteParameter("$status", (int)LinkStatus.Active), last, new SqliteParameter("$now", Now.UtcTicks) });
        // Local midnights (PST) 0 to 12 days back: what refreshes leave behind.
        var midnight = new DateTimeOffset(2025, 11, 26, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Services; i++)
        {
            service.Value = (6_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            last.Value = midnight.AddDays(-(i % 13)).UtcTicks;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
