using System.Globalization;
using System.Text;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Usage;

/// <summary>
/// The aggregating queries behind the usage views: two statements per view. Bucket boundaries are
/// computed in C# (local midnights, so 23- and 25-hour days are right); the first statement gives
/// each bucket its sums and largest delivered value from ranges of the reading key
/// (LinkId, ReadingTypeId, Start). The second takes the comparisons' sums and the peak's start,
/// which it looks up inside the one bucket that holds the largest value. On PostgreSQL "Readings" is the
/// view over day rows, and every range also bounds the view's "Day" (<see cref="ReadingRange.Sql"/>), so a
/// bucket unnests the one or two day rows it overlaps.
/// </summary>
internal static class UsageSql
{
    /// <summary>One bucket in Wh; SQL's SUM and MAX over no rows are NULL, which is exactly a gap.</summary>
    internal sealed record BucketSum(long K, double? Delivered, double? Received, double? DeliveredMax);

    /// <summary>Delivered Wh of the comparison periods (null: no reading) and the first interval holding the peak.</summary>
    internal sealed record PeriodExtras(double? PreviousWh, double? LastYearWh, long? PeakStart, int? PeakDurationSeconds);

    /// <summary>A key range of one series: [From, To) in UTC epoch seconds.</summary>
    internal readonly record struct KeyRange(long From, long To);

    public static Task<List<BucketSum>> BucketsAsync(PortalDbContext db, int linkId, UsageReadingTypes types,
        IReadOnlyList<long> boundaries, CancellationToken ct) =>
        BucketsAsync(db, [new UsageSegment(linkId, types)], boundaries, ct);

    public static async Task<List<BucketSum>> BucketsAsync(PortalDbContext db, IReadOnlyList<UsageSegment> segments,
        IReadOnlyList<long> boundaries, CancellationToken ct)
    {
        if (boundaries.Count < 2)
            return [];
        if (!segments.Any(s => s.Types.Ids.Any()))
            return [.. Enumerable.Range(0, boundaries.Count - 1).Select(k => new BucketSum(k, null, null, null))];

        var values = new StringBuilder();
        for (var i = 0; i < boundaries.Count - 1; i++)
            values.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}({i}, {boundaries[i]}, {boundaries[i + 1]})");
        var table = TableName(db);
        string Of(string aggregate, Func<UsageReadingTypes, int?> series) => Combine(aggregate, segments,
            s => series(s.Types) is { } id
                ? $"""(SELECT {aggregate}(r."ValueWh") FROM "{table}" AS r WHERE {Key(s, id)} AND {ReadingRange.Sql(db, "r", "b.s", "b.e")})"""
                : null);
        // One correlated subquery per aggregate: each is a seek and a short range scan on the key, in
        // key order, so no sort. A LEFT JOIN with GROUP BY does it in one pass but sorts every row into
        // a temporary B-tree and measured about twice as slow (bench/GbcPortal.Benchmarks/Usage).
        // Each aggregate costs a pass over the bucket's rows. Every number in the text is generated here, nothing comes from a user.
        var sql = $"""
            WITH b(k, s, e) AS (VALUES {values})
            SELECT b.k AS "K",
                   {Of("SUM", t => t.DeliveredId)} AS "Delivered",
                   {Of("SUM", t => t.ReceivedId)} AS "Received",
                   {Of("MAX", t => t.DeliveredId)} AS "DeliveredMax"
            FROM b ORDER BY b.k
            """;
        return await db.Database.SqlQueryRaw<BucketSum>(sql).ToListAsync(ct);
    }

    /// <summary>
    /// The comparisons and the peak in one round trip. <paramref name="lastYear"/> is null when it is
    /// the previous period (a year view); <paramref name="peak"/> is the bucket holding the largest
    /// delivered value and that value, so the peak is found by a seek into one bucket, not the period.
    /// </summary>
    public static async Task<PeriodExtras> ExtrasAsync(PortalDbContext db, IReadOnlyList<UsageSegment> segments, KeyRange previous,
        KeyRange? lastYear, (KeyRange Bucket, double Wh)? peak, CancellationToken ct)
    {
        var table = TableName(db);
        var delivered = segments.Where(s => s.Types.DeliveredId is not null).ToList();
        string Rows(UsageSegment s) => $"""FROM "{table}" AS r WHERE {Key(s, s.Types.DeliveredId!.Value)}""";
        string Sum(KeyRange range) => Combine("SUM", delivered,
            s => $"""(SELECT SUM(r."ValueWh") {Rows(s)} AND {ReadingRange.Sql(db, "r", Number(range.From), Number(range.To))})""");
        var peakStart = peak is { } p
            ? Combine("MIN", delivered, s =>
                $"""(SELECT MIN(r."Start") {Rows(s)} AND {ReadingRange.Sql(db, "r", Number(p.Bucket.From), Number(p.Bucket.To))} AND r."ValueWh" = {"{0}"})""")
            : "CAST(NULL AS BIGINT)";
        var duration = Combine("MIN", delivered,
            s => $"""(SELECT r."DurationSeconds" {Rows(s)} AND {ReadingRange.Sql(db, "r", "x.\"PeakStart\"", "x.\"PeakStart\" + 1")})""");
        var sql = $"""
            SELECT x."PreviousWh", x."LastYearWh", x."PeakStart", {duration} AS "PeakDurationSeconds"
            FROM (SELECT {Sum(previous)} AS "PreviousWh",
                         {(lastYear is { } y ? Sum(y) : "CAST(NULL AS DOUBLE PRECISION)")} AS "LastYearWh",
                         {peakStart} AS "PeakStart") AS x
            """;
        var rows = await db.Database.SqlQueryRaw<PeriodExtras>(sql, peak?.Wh ?? 0).ToListAsync(ct);
        return rows.Single();
    }

    // One link's series within its segment's bounds (only a replaced Service ID has bounds).
    private static string Key(UsageSegment s, int typeId) =>
        $"""r."LinkId" = {Number(s.LinkId)} AND r."ReadingTypeId" = {Number(typeId)}"""
        + (s.From is { } from ? $""" AND r."Start" >= {from}""" : "")
        + (s.To is { } to ? $""" AND r."Start" < {to}""" : "");

    // One segment's subquery as it is; several combined by the aggregate, which skips the NULL of a segment without rows.
    private static string Combine(string aggregate, IEnumerable<UsageSegment> segments, Func<UsageSegment, string?> subquery)
    {
        var parts = segments.Select(subquery).OfType<string>().ToList();
        return parts.Count switch
        {
            0 => "CAST(NULL AS DOUBLE PRECISION)",
            1 => parts[0],
            _ => $"(SELECT {aggregate}(u.v) FROM ({string.Join(" UNION ALL ", parts.Select(q => $"SELECT {q} AS v"))}) AS u)",
        };
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // SQLite's table, or PostgreSQL's view over the day rows.
    private static string TableName(PortalDbContext db) => db.Model.FindEntityType(typeof(StoredReading)) is { } entity
        ? entity.GetTableName() ?? entity.GetViewName() ?? "Readings"
        : "Readings";
}
