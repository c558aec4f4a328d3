using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Staff;
using GbcPortal.Core.Usage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GbcPortal.Benchmarks.Scale;

/// <summary>
/// The pages and the dispatcher on a database the size of the capacity simulation (<see cref="ScaleBenchData"/>),
/// against the same operations on a tenth of it in the same run (the ratio says whether they grow with the data):
/// one dispatcher run that claims and sends one request (heartbeat, recovery, the budget's locked claim, the
/// utility's 202 recorded), everything /staff loads, and a customer's /services cards. Target: each under 50 ms.
/// On SQLite and on PostgreSQL (a private server per benchmark process), the same rows on both.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 16, id: "scale")]
public class ScaleBenchmarks
{
    private ServiceProvider _services = null!;
    private ScaleDatabase _database = null!;
    private string _customerId = "";

    /// <summary>Both, unless GBC_SCALE_PROVIDERS names some (e.g. "Postgres"): BenchmarkDotNet's filter cannot pick parameters.</summary>
    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>5,000 and 50,000, unless GBC_SCALE_LINKS names some (e.g. "50000").</summary>
    [ParamsSource(nameof(Sizes))]
    public int Links { get; set; }

    public static IEnumerable<DatabaseProvider> Providers =>
        FromEnvironment("GBC_SCALE_PROVIDERS", Enum.Parse<DatabaseProvider>, [DatabaseProvider.Sqlite, DatabaseProvider.Postgres]);

    public static IEnumerable<int> Sizes =>
        FromEnvironment("GBC_SCALE_LINKS", text => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture), [5_000, 50_000]);

    private static IReadOnlyList<T> FromEnvironment<T>(string variable, Func<string, T> parse, T[] otherwise) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(parse).ToList()
            : otherwise;

    [GlobalSetup]
    public void Setup() => Setup(null);

    public void Setup(Action<IServiceCollection>? configure)
    {
        _database = ScaleDatabase.Create(Provider, Links);
        _services = ScaleServices.Build(Provider, _database.ConnectionString, configure);
        using var db = _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        _customerId = db.Users.Where(u => u.Email == ScaleBenchData.CustomerEmail).Select(u => u.Id).Single();
    }

    /// <summary>What the database holds, to compare the providers' data: links, requests by status, slots, samples, holds, reviews.</summary>
    public string DescribeRows()
    {
        using var db = _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var requests = db.DataRequests.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).OrderBy(g => g.Key).ToList();
        return $"links {db.ServiceLinks.Count():N0} (to review {db.ServiceLinks.Count(l => l.NeedsReview):N0}), requests " +
               string.Join(", ", requests.Select(r => $"{r.Key} {r.Count:N0}")) +
               $", callbacks {db.CallbackInbox.Count():N0}, rate slots {db.RateSlots.Count():N0}, backlog samples {db.BacklogSamples.Count():N0}, holds {db.LinkHolds.Count():N0}";
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _database.Dispose();
    }

    [Benchmark(Description = "dispatcher: claim and send one")]
    public async Task<int> DispatcherClaim()
    {
        await using var scope = _services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DispatchService>().DispatchAsync();
        return result.Sent == 1 ? 1 : throw new InvalidOperationException($"Sent {result.Sent}, halted {result.Halted}.");
    }

    [Benchmark(Description = "/staff: overview, traffic, holds, reviews, capacity, charts")]
    public async Task<int> StaffOverview() =>
        await StaffPanelOverview() + await StaffPanelTraffic() + await StaffPanelHolds() + await StaffPanelReviews()
        + await StaffPanelCapacity() + await StaffPanelCharts();

    // The page's panels one by one, to see where its time goes (the row above loads them all, one after the other).
    [Benchmark(Description = "/staff panel: overview (counts, budget, failed requests and callbacks)")]
    public async Task<int> StaffPanelOverview() => (await _services.GetRequiredService<StatusQueries>().GetStaffOverviewAsync()).Backlog;

    [Benchmark(Description = "/staff panel: traffic (a day of sends by kind and account)")]
    public async Task<int> StaffPanelTraffic() => (await _services.GetRequiredService<StatusQueries>().GetTrafficAsync()).ByKind.Count;

    [Benchmark(Description = "/staff panel: holds")]
    public async Task<int> StaffPanelHolds() => (await _services.GetRequiredService<LinkSupervision>().ActiveHoldsAsync()).Count;

    [Benchmark(Description = "/staff panel: reviews")]
    public async Task<int> StaffPanelReviews() => (await _services.GetRequiredService<LinkReviews>().ListAsync()).Count;

    [Benchmark(Description = "/staff panel: capacity")]
    public async Task<int> StaffPanelCapacity() => (await _services.GetRequiredService<CapacityQueries>().GetAsync()).ActiveServices;

    [Benchmark(Description = "/staff panel: charts")]
    public async Task<int> StaffPanelCharts() => (await _services.GetRequiredService<PipelineHistory>().GetAsync()).Sends.Count;

    /// <summary>
    /// The staff chart's week of sends as <see cref="PipelineHistory"/> read it before it counted them in SQL: every slot
    /// of the week joined to its request, bucketed in C#.
    /// </summary>
    [Benchmark(Description = "/staff charts before: a week of slots read one by one")]
    public async Task<int> ChartSendsBefore()
    {
        var now = _services.GetRequiredService<TimeProvider>().GetUtcNow();
        var firstHour = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero) - PipelineHistory.Span + TimeSpan.FromHours(1);
        await using var db = await _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var sent = await (from slot in db.RateSlots
                          where slot.TakenAt >= firstHour && slot.ReturnedAt == null
                          join request in db.DataRequests on slot.DataRequestId equals (int?)request.Id into requests
                          from request in requests.DefaultIfEmpty()
                          select new { slot.TakenAt, Kind = (RequestKind?)request!.Kind })
            .ToListAsync();
        return sent.ToLookup(s => (s.TakenAt.UtcTicks - firstHour.UtcTicks) / TimeSpan.TicksPerHour).Count;
    }

    [Benchmark(Description = "/services: a customer's cards")]
    public async Task<int> ServicesPage() => (await _services.GetRequiredService<StatusQueries>().GetServicesAsync(_customerId)).Count;
}

/// <summary>The Core services over one database, as the portal wires them, with a utility that accepts everything.</summary>
internal static class ScaleServices
{
    public static ServiceProvider Build(DatabaseProvider provider, string connectionString, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // One send per run, never out of budget: every benchmarked run claims and sends exactly one request.
            ["Dispatch:RequestsPerWindow"] = "10000",
            ["Dispatch:MaxSendsPerRun"] = "1",
            ["Dispatch:ParallelSends"] = "1",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPortalDatabase(provider, connectionString);
        services.AddRequestPipeline();
        services.AddUsage();
        services.AddStaffTools();
        services.AddSingleton<IDataProtectionProvider>(ScaleBenchData.Protection);
        services.AddSingleton<TimeProvider>(new ClockFrom(ScaleBenchData.Now));
        services.AddSingleton<IUtilityClient, AcceptingUtility>();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>Real time, started at the data's "now".</summary>
    private sealed class ClockFrom(DateTimeOffset start) : TimeProvider
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(_started);
    }

    private sealed class AcceptingUtility : IUtilityClient
    {
        public Task<UtilityOutcome> SubmitAsync(UsageRequest submission, CancellationToken cancellationToken) =>
            Task.FromResult(UtilityOutcome.Accepted(Guid.NewGuid().ToString("N")));
    }
}
