using BenchmarkDotNet.Attributes;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Benchmarks.Usage;

/// <summary>
/// The whole usage query a page makes (buckets, totals, peak, both comparisons) for each view of a
/// service with two years of 15-minute data, against a baseline in the same run: one bare
/// SUM("ValueWh") over the year 2025 of both series, the least any year view has to read.
/// Target: every view under 50 ms on SQLite, at most <see cref="UsageQueries.MaxPoints"/> buckets.
/// </summary>
[MemoryDiagnoser]
public class UsageBenchmarks
{
    private UsageBenchData _data = null!;
    private UsageQueries _queries = null!;
    private string _baselineSql = "";

    [GlobalSetup]
    public void Setup()
    {
        _data = new UsageBenchData();
        _queries = new UsageQueries(_data.Factory);
        var year = UsagePeriod.Of(UsageView.Year, UsageBenchData.Anchor, UsageBenchData.Zone);
        _baselineSql = $"""
            SELECT SUM("ValueWh") AS "Value" FROM "Readings" WHERE "LinkId" = {_data.LinkId}
            AND "ReadingTypeId" IN ({_data.DeliveredTypeId}, {_data.ReceivedTypeId})
            AND "Start" >= {year.From.ToUnixTimeSeconds()} AND "Start" < {year.To.ToUnixTimeSeconds()}
            """;
        Console.WriteLine($"// Readings: {_data.Rows} rows; schema: {_data.Schema.ReplaceLineEndings(" ")}");
        foreach (var view in Enum.GetValues<UsageView>())
        {
            var points = Run(view).Buckets.Count;
            Console.WriteLine($"// {view}: {points} points sent to the browser");
            if (points > UsageQueries.MaxPoints)
                throw new InvalidOperationException($"{view} sends {points} points, more than {UsageQueries.MaxPoints}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [Benchmark(Baseline = true)]
    public double? BareYearSum()
    {
        using var db = _data.Factory.CreateDbContext();
        return db.Database.SqlQueryRaw<double?>(_baselineSql).AsEnumerable().Single();
    }

    [Benchmark]
    public int Day() => Run(UsageView.Day).Buckets.Count;

    [Benchmark]
    public int Week() => Run(UsageView.Week).Buckets.Count;

    [Benchmark]
    public int Month() => Run(UsageView.Month).Buckets.Count;

    [Benchmark]
    public int Year() => Run(UsageView.Year).Buckets.Count;

    private UsageReport Run(UsageView view) =>
        _queries.GetAsync(UsageBenchData.OwnerId, UsageBenchData.ServiceId, view, UsageBenchData.Anchor).GetAwaiter().GetResult()
        ?? throw new InvalidOperationException("The bench service is not found.");
}
