using GbcPortal.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace GbcPortal.Core.Ingest;

/// <summary>
/// Writes readings on the context's open transaction, a repeated or overlapping feed a no-op by
/// construction: the same key (link, reading type, start) is replaced, never duplicated. On SQLite a row a
/// reading, by an <c>INSERT … ON CONFLICT (key) DO UPDATE</c> compiled once for a single row and bound by
/// position (<see cref="SqliteReadingWriter"/>); EF's change tracker would cost a query per row to learn
/// whether a reading exists. On PostgreSQL a read-modify-write of the day rows the readings fall in
/// (<see cref="ReadingDayWriter"/>).
/// </summary>
public static class ReadingUpserter
{
    private static readonly string[] Columns =
    [
        nameof(StoredReading.LinkId), nameof(StoredReading.ReadingTypeId), nameof(StoredReading.Start),
        nameof(StoredReading.DurationSeconds), nameof(StoredReading.ValueWh), nameof(StoredReading.FlowDirection),
        nameof(StoredReading.Quality), nameof(StoredReading.Cost),
    ];

    /// <summary>Upserts <paramref name="rows"/>; the caller owns the transaction (one per callback).</summary>
    public static async Task<int> UpsertAsync(PortalDbContext db, IReadOnlyList<StoredReading> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return 0;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Readings are upserted inside the ingest transaction.");
        if (transaction is SqliteTransaction { Connection: { } connection })
        {
            var (head, tail) = Statement(db);
            return SqliteReadingWriter.Upsert(connection, head + "(" + string.Join(", ", Enumerable.Repeat("?", Columns.Length)) + ")" + tail, rows);
        }

        return await ReadingDayWriter.MergeAsync(db, rows, cancellationToken);
    }

    /// <summary>
    /// The link's reading type with <paramref name="row"/>'s key, created if missing, race-free: INSERT … ON
    /// CONFLICT DO NOTHING, then SELECT. A concurrent ingest's uncommitted insert makes ours wait for it and do
    /// nothing, and the SELECT (a new snapshot per statement) then sees its row; SQLite has one writer anyway.
    /// </summary>
    public static async Task<ReadingTypeRow> InsertOrGetTypeAsync(PortalDbContext db, ReadingTypeRow row, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ReadingTypes" ("LinkId", "Key", "EspiId", "FlowDirection", "Uom", "Commodity", "IntervalLengthSeconds", "Kind", "Accumulation", "PowerOfTenMultiplier")
            VALUES ({row.LinkId}, {row.Key}, {row.EspiId}, {row.FlowDirection}, {row.Uom}, {row.Commodity}, {row.IntervalLengthSeconds}, {row.Kind}, {row.Accumulation}, {row.PowerOfTenMultiplier})
            ON CONFLICT ("LinkId", "Key") DO NOTHING
            """, cancellationToken);
        return await db.ReadingTypes.AsNoTracking().SingleAsync(t => t.LinkId == row.LinkId && t.Key == row.Key, cancellationToken);
    }

    internal static void EnsureFinite(StoredReading r)
    {
        if (!double.IsFinite(r.ValueWh))
            throw new ArgumentException($"Reading at {r.Start} has no finite value.", nameof(r));
    }

    /// <summary>"INSERT INTO … VALUES " and " ON CONFLICT … DO UPDATE …", with names from the EF model.</summary>
    private static (string Head, string Tail) Statement(PortalDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(StoredReading))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Quote(string name) => $"\"{name}\"";
        var columns = Columns.Select(c => entity.FindProperty(c)!.GetColumnName(table)!).ToArray();
        var key = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(table)!).ToArray();
        var values = columns.Except(key).ToArray();
        var qualified = entity.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(table.Name)}" : Quote(table.Name);

        var head = $"INSERT INTO {qualified} ({string.Join(", ", columns.Select(Quote))}) VALUES ";
        // A repeated feed matches every row: skipping identical rows leaves their pages untouched.
        var tail = $" ON CONFLICT ({string.Join(", ", key.Select(Quote))}) DO UPDATE SET "
            + string.Join(", ", values.Select(v => $"{Quote(v)} = excluded.{Quote(v)}"))
            + " WHERE " + string.Join(" OR ", values.Select(v => $"{qualified}.{Quote(v)} IS DISTINCT FROM excluded.{Quote(v)}"));
        return (head, tail);
    }
}
