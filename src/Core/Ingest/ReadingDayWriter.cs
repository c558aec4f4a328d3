using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace GbcPortal.Core.Ingest;

/// <summary>
/// The PostgreSQL path of <see cref="ReadingUpserter"/>: a read-modify-write, on the ingest transaction, of
/// the <see cref="ReadingDay"/> rows the readings fall in. Each touched day row is read, the readings are
/// laid over it by start (a later callback's reading replaces the one with the same key, every other reading
/// stays), and the row is written back only if it changed, so a repeated feed writes nothing. A transaction
/// lock on the link makes two ingests of one link (two callbacks of a new link) merge one after the other
/// instead of one overwriting the other's day.
/// </summary>
internal static class ReadingDayWriter
{
    // Any constant works, as long as it differs from the other advisory locks' (migrations, rate budget).
    private const int LockClass = 0x67_62_64_79;

    private const string Upsert = """
        INSERT INTO "ReadingDays" ("LinkId", "ReadingTypeId", "Day", "IntervalSeconds", "FlowDirection", "Values", "Qualities", "Costs", "Durations")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT ("LinkId", "ReadingTypeId", "Day") DO UPDATE SET "IntervalSeconds" = excluded."IntervalSeconds",
            "FlowDirection" = excluded."FlowDirection", "Values" = excluded."Values", "Qualities" = excluded."Qualities",
            "Costs" = excluded."Costs", "Durations" = excluded."Durations"
        """;

    public static async Task<int> MergeAsync(PortalDbContext db, IReadOnlyList<StoredReading> rows, CancellationToken ct)
    {
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        var connection = transaction.Connection!;
        var written = new List<ReadingDay>();
        foreach (var link in rows.GroupBy(r => r.LinkId).OrderBy(g => g.Key))
        {
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, $2)", connection, transaction))
            {
                lockCommand.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockClass });
                lockCommand.Parameters.Add(new NpgsqlParameter<int> { TypedValue = link.Key });
                await lockCommand.ExecuteNonQueryAsync(ct);
            }
            var days = link.GroupBy(r => (r.ReadingTypeId, Day: ReadingDayCodec.DayOf(r.Start))).ToList();
            var typeIds = days.Select(d => d.Key.ReadingTypeId).Distinct().ToList();
            var dayKeys = days.Select(d => d.Key.Day).Distinct().ToList();
            var existing = (await db.Set<ReadingDay>().AsNoTracking()
                    .Where(d => d.LinkId == link.Key && typeIds.Contains(d.ReadingTypeId) && dayKeys.Contains(d.Day))
                    .ToListAsync(ct))
                .ToDictionary(d => (d.ReadingTypeId, d.Day));
            foreach (var day in days)
            {
                var merged = new SortedDictionary<long, StoredReading>();
                var before = existing.GetValueOrDefault(day.Key);
                if (before is not null)
                {
                    foreach (var r in ReadingDayCodec.Decode(before))
                        merged[r.Start] = r;
                }
                foreach (var r in day)
                {
                    ReadingUpserter.EnsureFinite(r);
                    merged[r.Start] = r;
                }
                var after = ReadingDayCodec.Encode(merged.Values);
                if (before is null || !ReadingDayCodec.Same(before, after))
                    written.Add(after);
            }
        }
        if (written.Count == 0)
            return rows.Count;
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var day in written)
        {
            var command = new NpgsqlBatchCommand(Upsert);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = day.LinkId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = day.ReadingTypeId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = day.Day });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = day.IntervalSeconds });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = day.FlowDirection });
            command.Parameters.Add(Array(day.Values, NpgsqlDbType.Double));
            command.Parameters.Add(Array(day.Qualities, NpgsqlDbType.Bigint));
            command.Parameters.Add(Array(day.Costs, NpgsqlDbType.Numeric));
            command.Parameters.Add(Array(day.Durations, NpgsqlDbType.Integer));
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct);
        return rows.Count;
    }

    private static NpgsqlParameter Array(object? values, NpgsqlDbType element) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | element, Value = values ?? DBNull.Value };
}
