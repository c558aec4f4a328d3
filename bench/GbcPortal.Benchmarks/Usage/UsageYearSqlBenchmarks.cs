using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Benchmarks.Usage;

/// <summary>
/// Ways to bucket the year 2025 of both series in one statement, on the same file as
/// <see cref="UsageBenchmarks"/>: which form SQLite runs fastest decides the form UsageSql uses.
/// Each returns per-bucket delivered and received sums; the forms named All, Join and Offset also
/// the reading count and the delivered maximum (what totals and peak need).
/// </summary>
[MemoryDiagnoser]
public class UsageYearSqlBenchmarks
{
    private UsageBenchData _data = null!;
    private string _bare = "";
    private string _correlatedDays = "";
    private string _correlatedDaysMax = "";
    private string _correlatedDaysAll = "";
    private string _correlatedMonths = "";
    private string _joinDays = "";
    private string _joinMonths = "";
    private string _offsetDays = "";

    [GlobalSetup]
    public void Setup()
    {
        _data = new UsageBenchData();
        var zone = UsageBenchData.Zone;
        var year = UsagePeriod.Of(UsageView.Year, UsageBenchData.Anchor, zone);
        List<long> days = [];
        for (var day = year.FirstDay; day <= year.EndDay; day = day.AddDays(1))
            days.Add(UsagePeriod.LocalMidnight(day, zone).ToUnixTimeSeconds());
        List<long> months = [];
        for (var month = year.FirstDay; month <= year.EndDay; month = month.AddMonths(1))
            months.Add(UsagePeriod.LocalMidnight(month, zone).ToUnixTimeSeconds());

        var (link, d, r) = (_data.LinkId, _data.DeliveredTypeId, _data.ReceivedTypeId);
        string Correlated(List<long> edges) => $"""
            WITH b(k, s, e) AS (VALUES {Values(edges)})
            SELECT b.k AS "K",
              (SELECT SUM(x."ValueWh") FROM "Readings" x WHERE x."LinkId" = {link} AND x."ReadingTypeId" = {d} AND x."Start" >= b.s AND x."Start" < b.e) AS "Delivered",
              (SELECT SUM(x."ValueWh") FROM "Readings" x WHERE x."LinkId" = {link} AND x."ReadingTypeId" = {r} AND x."Start" >= b.s AND x."Start" < b.e) AS "Received",
              0 AS "Readings", NULL AS "Peak"
            FROM b ORDER BY b.k
            """;
        // The form UsageSql uses: the two sums and the delivered maximum (for the peak).
        string CorrelatedMax(List<long> edges) => $"""
            WITH b(k, s, e) AS (VALUES {Values(edges)})
            SELECT b.k AS "K",
              (SELECT SUM(x."ValueWh") FROM "Readings" x WHERE x."LinkId" = {link} AND x."ReadingTypeId" IN ({d}) AND x."Start" >= b.s AND x."Start" < b.e) AS "Delivered",
              (SELECT SUM(x."ValueWh") FROM "Readings" x WHERE x."LinkId" = {link} AND x."ReadingTypeId" IN ({r}) AND x."Start" >= b.s AND x."Start" < b.e) AS "Received",
              0 AS "Readings",
              (SELECT MAX(x."ValueWh") FROM "Readings" x WHERE x."LinkId" = {link} AND x."ReadingTypeId" IN ({d}) AND x."Start" >= b.s AND x."Start" < b.e) AS "Peak"
            FROM b ORDER BY b.k
            """;
        // The same with a reading count: what a Readings total would cost.
        string CorrelatedAll(List<long> edges) => $"""
            WITH b(k, s, e) AS (VALUES {Values(edges)})
            SELECT b.k AS "K",
              (SELECT SUM(x."ValueWh") FROM "Readings" x WHERE x."LinkId" = {link} AND x."ReadingTypeId" IN ({d}) AND x."Start" >= b.s AND x."Start" < b.e) AS "Delivered",
              (SELECT SUM(x."ValueWh") FROM "Readings" x WHERE x."LinkId" = {link} AND x."ReadingTypeId" IN ({r}) AND x."Start" >= b.s AND x."Start" < b.e) AS "Received",
              (SELECT COUNT(x."Start") FROM "Readings" x WHERE x."LinkId" = {link} AND x."ReadingTypeId" IN ({d}, {r}) AND x."Start" >= b.s AND x."Start" < b.e) AS "Readings",
              (SELECT MAX(x."ValueWh") FROM "Readings" x WHERE x."LinkId" = {link} AND x."ReadingTypeId" IN ({d}) AND x."Start" >= b.s AND x."Start" < b.e) AS "Peak"
            FROM b ORDER BY b.k
            """;
        string Join(List<long> edges) => $"""
            WITH b(k, s, e) AS (VALUES {Values(edges)})
            SELECT b.k AS "K",
              SUM(CASE WHEN x."ReadingTypeId" = {d} THEN x."ValueWh" END) AS "Delivered",
              SUM(CASE WHEN x."ReadingTypeId" = {r} THEN x."ValueWh" END) AS "Received",
              COUNT(x."Start") AS "Readings",
              MAX(CASE WHEN x."ReadingTypeId" = {d} THEN x."ValueWh" END) AS "Peak"
            FROM b LEFT JOIN "Readings" x ON x."LinkId" = {link} AND x."ReadingTypeId" IN ({d}, {r}) AND x."Start" >= b.s AND x."Start" < b.e
            GROUP BY b.k ORDER BY b.k
            """;
        _bare = $"""
            SELECT 0 AS "K", SUM(x."ValueWh") AS "Delivered", NULL AS "Received", 0 AS "Readings", NULL AS "Peak"
            FROM "Readings" x WHERE x."LinkId" = {link} AND x."ReadingTypeId" IN ({d}, {r})
              AND x."Start" >= {year.From.ToUnixTimeSeconds()} AND x."Start" < {year.To.ToUnixTimeSeconds()}
            """;
        _correlatedDays = Correlated(days);
        _correlatedDaysMax = CorrelatedMax(days);
        _correlatedDaysAll = CorrelatedAll(days);
        _correlatedMonths = Correlated(months);
        _joinDays = Join(days);
        _joinMonths = Join(months);

        // Local day number = (UTC seconds + the zone's offset at that instant) / 86400; the offset
        // changes only at the year's DST transitions, found here once.
        var offset = new StringBuilder("CASE");
        for (var i = 0; i + 1 < days.Count; i++)
        {
            var start = DateTimeOffset.FromUnixTimeSeconds(days[i]);
            var end = DateTimeOffset.FromUnixTimeSeconds(days[i + 1]);
            if (zone.GetUtcOffset(start) == zone.GetUtcOffset(end.AddSeconds(-1)))
                continue;
            var t = start;
            while (zone.GetUtcOffset(t) == zone.GetUtcOffset(start))
                t = t.AddMinutes(15);
            offset.Append(CultureInfo.InvariantCulture, $" WHEN x.\"Start\" < {t.ToUnixTimeSeconds()} THEN {(long)zone.GetUtcOffset(start).TotalSeconds}");
        }
        offset.Append(CultureInfo.InvariantCulture, $" ELSE {(long)zone.GetUtcOffset(year.To.AddSeconds(-1)).TotalSeconds} END");
        var firstDay = year.FirstDay.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        _offsetDays = $"""
            SELECT (x."Start" + {offset}) / 86400 - {firstDay} AS "K",
              SUM(CASE WHEN x."ReadingTypeId" = {d} THEN x."ValueWh" END) AS "Delivered",
              SUM(CASE WHEN x."ReadingTypeId" = {r} THEN x."ValueWh" END) AS "Received",
              COUNT(*) AS "Readings",
              MAX(CASE WHEN x."ReadingTypeId" = {d} THEN x."ValueWh" END) AS "Peak"
            FROM "Readings" x WHERE x."LinkId" = {link} AND x."ReadingTypeId" IN ({d}, {r})
              AND x."Start" >= {year.From.ToUnixTimeSeconds()} AND x."Start" < {year.To.ToUnixTimeSeconds()}
            GROUP BY 1 ORDER BY 1
            """;

        // All forms must agree before any is timed.
        var expected = Sum(Run(_correlatedDays));
        foreach (var sql in new[] { _bare, _correlatedDaysMax, _correlatedDaysAll, _correlatedMonths, _joinDays, _joinMonths, _offsetDays })
        {
            if (Math.Abs(Sum(Run(sql)) - expected) > 1e-6)
                throw new InvalidOperationException($"A form disagrees: {Sum(Run(sql))} Wh, not {expected} Wh:\n{sql}");
        }
        Console.WriteLine($"// year 2025 delivered + received: {expected} Wh; days {Run(_joinDays).Count}, offset-days {Run(_offsetDays).Count}");
    }

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    /// <summary>The least a year view reads: one SUM over the year of both series.</summary>
    [Benchmark(Baseline = true)]
    public int BareYearSum() => Run(_bare).Count;

    /// <summary>What UsageSql did before: 365 rows, two correlated SUMs each.</summary>
    [Benchmark]
    public int CorrelatedDays() => Run(_correlatedDays).Count;

    [Benchmark]
    public int CorrelatedDaysMax() => Run(_correlatedDaysMax).Count;

    [Benchmark]
    public int CorrelatedDaysAll() => Run(_correlatedDaysAll).Count;

    [Benchmark]
    public int CorrelatedMonths() => Run(_correlatedMonths).Count;

    [Benchmark]
    public int JoinGroupDays() => Run(_joinDays).Count;

    [Benchmark]
    public int JoinGroupMonths() => Run(_joinMonths).Count;

    [Benchmark]
    public int OffsetGroupDays() => Run(_offsetDays).Count;

    private List<Row> Run(string sql)
    {
        using var db = _data.Factory.CreateDbContext();
        return db.Database.SqlQueryRaw<Row>(sql).ToList();
    }

    private static double Sum(List<Row> rows) => rows.Sum(x => (x.Delivered ?? 0) + (x.Received ?? 0));

    private static string Values(List<long> edges) =>
        string.Join(", ", edges.SkipLast(1).Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"({i}, {s}, {edges[i + 1]})")));

    private sealed record Row(long K, double? Delivered, double? Received, long Readings, double? Peak);
}
