using System.Globalization;
using System.Text;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Usage;

/// <summary>
/// The aggregating queries behind the usage views. Bucket boundaries are computed in C# (local
/// midnights, so 23- and 25-hour days are right) and each bucket is one SUM over a range of the
/// reading key (LinkId, ReadingTypeId, Start): no sort, no per-row time zone arithmetic, and a year
/// of 15-minute data comes back as 365 rows in a few milliseconds on SQLite.
/// </summary>
internal static class UsageSql
{
    /// <summary>Sums of one bucket in Wh; SQL's SUM over no rows is NULL, which is exactly a gap.</summary>
    internal sealed record BucketSum(long K, double? Delivered, double? Received);

    public static async Task<List<BucketSum>> BucketsAsync(PortalDbContext db, int linkId, UsageReadingTypes types,
        IReadOnlyList<long> boundaries, CancellationToken ct)
    {
        if (boundaries.Count < 2)
            return [];
        var values = new StringBuilder();
        for (var i = 0; i < boundaries.Count - 1; i++)
            values.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}({i}, {boundaries[i]}, {boundaries[i + 1]})");
        var table = TableName(db);
        string Sum(int? typeId) => typeId is { } id
            ? $$"""(SELECT SUM(r."ValueWh") FROM "{{table}}" AS r WHERE r."LinkId" = {0} AND r."ReadingTypeId" = {{id.ToString(CultureInfo.InvariantCulture)}} AND r."Start" >= b.s AND r."Start" < b.e)"""
            : "CAST(NULL AS DOUBLE PRECISION)";
        // Every number in the text is generated here (ids, epochs); nothing comes from a user.
        var sql = $"""
            WITH b(k, s, e) AS (VALUES {values})
            SELECT b.k AS "K", {Sum(types.DeliveredId)} AS "Delivered", {Sum(types.ReceivedId)} AS "Received"
            FROM b ORDER BY b.k
            """;
        return await db.Database.SqlQueryRaw<BucketSum>(sql, linkId).ToListAsync(ct);
    }

    /// <summary>The sum in Wh, or null when the range holds no reading.</summary>
    /// <remarks>EF wraps SUM in COALESCE(..., 0), so an empty range would read as zero usage;
    /// the existence check on the key keeps "no data" apart from a real zero.</remarks>
    public static async Task<double?> TotalAsync(PortalDbContext db, int linkId, int typeId, long from, long to, CancellationToken ct)
    {
        if (!await Range(db, linkId, typeId, from, to).AnyAsync(ct))
            return null;
        return await Range(db, linkId, typeId, from, to).SumAsync(r => (double?)r.ValueWh, ct);
    }

    /// <summary>Counted on the key alone, so SQLite never reads the rows.</summary>
    public static Task<int> CountAsync(PortalDbContext db, int linkId, int typeId, long from, long to, CancellationToken ct) =>
        Range(db, linkId, typeId, from, to).CountAsync(ct);

    /// <summary>The first interval with the largest value (two index range scans, no sort).</summary>
    public static async Task<StoredReading?> PeakAsync(PortalDbContext db, int linkId, int typeId, long from, long to, CancellationToken ct)
    {
        var max = await Range(db, linkId, typeId, from, to).MaxAsync(r => (double?)r.ValueWh, ct);
        if (max is null)
            return null;
        return await Range(db, linkId, typeId, from, to).Where(r => r.ValueWh == max).OrderBy(r => r.Start).FirstOrDefaultAsync(ct);
    }

    private static IQueryable<StoredReading> Range(PortalDbContext db, int linkId, int typeId, long from, long to) =>
        db.Readings.AsNoTracking().Where(r => r.LinkId == linkId && r.ReadingTypeId == typeId && r.Start >= from && r.Start < to);

    private static string TableName(PortalDbContext db) =>
        db.Model.FindEntityType(typeof(StoredReading))?.GetTableName() ?? "Readings";
}
