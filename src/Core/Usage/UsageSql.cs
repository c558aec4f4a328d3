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
/// which it looks up inside the one bucket that holds the largest value.
/// </summary>
internal static class UsageSql
{
    /// <summary>One bucket in Wh; SQL's SUM and MAX over no rows are NULL, which is exactly a gap.</summary>
    internal sealed record BucketSum(long K, double? Delivered, double? Received, double? DeliveredMax);

    /// <summary>Delivered Wh of the comparison periods (null: no reading) and the first interval holding the peak.</summary>
    internal sealed record PeriodExtras(double? PreviousWh, double? LastYearWh, long? PeakStart, int? PeakDurationSeconds);

    /// <summary>A key range of one series: [From, To) in UTC epoch seconds.</summary>
    internal readonly record struct KeyRange(long From, long To);

    public static async Task<List<BucketSum>> BucketsAsync(PortalDbContext db, int linkId, UsageReadingTypes types,
        IReadOnlyList<long> boundaries, CancellationToken ct)
    {
        if (boundaries.Count < 2)
            return [];
        if (!types.Ids.Any())
            return [.. Enumerable.Range(0, boundaries.Count - 1).Select(k => new BucketSum(k, null, null, null))];

        var values = new StringBuilder();
        for (var i = 0; i < boundaries.Count - 1; i++)
            values.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}({i}, {boundaries[i]}, {boundaries[i + 1]})");
        var table = TableName(db);
        string Of(string aggregate, int? typeId) => typeId is { } id
            ? $"""(SELECT {aggregate}(r."ValueWh") FROM "{table}" AS r WHERE r."LinkId" = {"{0}"} AND r."ReadingTypeId" = {Number(id)} AND r."Start" >= b.s AND r."Start" < b.e)"""
            : "CAST(NULL AS DOUBLE PRECISION)";
        // One correlated subquery per aggregate: each is a seek and a short range scan on the key, in
        // key order, so no sort. A LEFT JOIN with GROUP BY does it in one pass but sorts every row into
        // a temporary B-tree and measured about twice as slow (bench/GbcPortal.Benchmarks/Usage).
        // Each aggregate costs a pass over the bucket's rows. Every number in the text is generated here, nothing comes from a user.
        var sql = $"""
            WITH b(k, s, e) AS (VALUES {values})
            SELECT b.k AS "K",
                   {Of("SUM", types.DeliveredId)} AS "Delivered",
                   {Of("SUM", types.ReceivedId)} AS "Received",
                   {Of("MAX", types.DeliveredId)} AS "DeliveredMax"
            FROM b ORDER BY b.k
            """;
        return await db.Database.SqlQueryRaw<BucketSum>(sql, linkId).ToListAsync(ct);
    }

    /// <summary>
    /// The comparisons and the peak in one round trip. <paramref name="lastYear"/> is null when it is
    /// the previous period (a year view); <paramref name="peak"/> is the bucket holding the largest
    /// delivered value and that value, so the peak is found by a seek into one bucket, not the period.
    /// </summary>
    public static async Task<PeriodExtras> ExtrasAsync(PortalDbContext db, int linkId, int deliveredId, KeyRange previous,
        KeyRange? lastYear, (KeyRange Bucket, double Wh)? peak, CancellationToken ct)
    {
        var table = TableName(db);
        var key = $"""r."LinkId" = {"{0}"} AND r."ReadingTypeId" = {Number(deliveredId)}""";
        string Sum(KeyRange range) =>
            $"""(SELECT SUM(r."ValueWh") FROM "{table}" AS r WHERE {key} AND r."Start" >= {range.From} AND r."Start" < {range.To})""";
        var peakStart = peak is { } p
            ? $"""(SELECT MIN(r."Start") FROM "{table}" AS r WHERE {key} AND r."Start" >= {p.Bucket.From} AND r."Start" < {p.Bucket.To} AND r."ValueWh" = {"{1}"})"""
            : "CAST(NULL AS BIGINT)";
        var sql = $"""
            SELECT x."PreviousWh", x."LastYearWh", x."PeakStart",
                   (SELECT r."DurationSeconds" FROM "{table}" AS r WHERE {key} AND r."Start" = x."PeakStart") AS "PeakDurationSeconds"
            FROM (SELECT {Sum(previous)} AS "PreviousWh",
                         {(lastYear is { } y ? Sum(y) : "CAST(NULL AS DOUBLE PRECISION)")} AS "LastYearWh",
                         {peakStart} AS "PeakStart") AS x
            """;
        var rows = await db.Database.SqlQueryRaw<PeriodExtras>(sql, linkId, peak?.Wh ?? 0).ToListAsync(ct);
        return rows.Single();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string TableName(PortalDbContext db) =>
        db.Model.FindEntityType(typeof(StoredReading))?.GetTableName() ?? "Readings";
}
