using System.IO.Compression;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Persistence;

/// <summary>
/// Reads and compresses a stored callback's body. On SQLite a body as received is read in place
/// (incremental blob I/O): a 185-day callback is 4.5 MB, and loading it as a byte[] first cost
/// as much as parsing it (a large-object allocation and a copy of every overflow page). Once
/// ingested, a body is Brotli-compressed (XML feeds shrink about 20-fold), and readers get the
/// bytes the utility sent whatever the encoding.
/// Dispose the stream before writing on the same context: it holds a read snapshot.
/// </summary>
public static class StoredCallbackBody
{
    private const int BufferBytes = 64 * 1024;

    // See the README's "Callback bodies": quality 5 is where the ratio stops paying for the time.
    private const int BrotliQuality = 5;

    /// <summary>A seekable, read-only stream over the body of callback <paramref name="inboxId"/>, as the utility sent it.</summary>
    public static async Task<Stream> OpenAsync(PortalDbContext db, int inboxId, CancellationToken cancellationToken = default)
    {
        var stored = await db.CallbackInbox.AsNoTracking().Where(c => c.Id == inboxId)
            .Select(c => new { c.BodyEncoding, c.BodyDeletedAt }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"There is no stored callback {inboxId}.");
        if (stored.BodyDeletedAt is { } deleted)
            throw new InvalidOperationException($"The body of callback {inboxId} was deleted on {deleted:yyyy-MM-dd} (past its retention).");

        if (stored.BodyEncoding == CallbackBodyEncoding.Identity)
            return await OpenRawAsync(db, inboxId, cancellationToken);

        // Compressed bodies are read only by a replay: decompressed whole, so the reader can seek.
        await using var raw = await OpenRawAsync(db, inboxId, cancellationToken);
        await using var brotli = new BrotliStream(raw, CompressionMode.Decompress);
        var body = new MemoryStream();
        await brotli.CopyToAsync(body, cancellationToken);
        body.Position = 0;
        return body;
    }

    /// <summary>The whole body as the utility sent it.</summary>
    public static async Task<byte[]> ReadAllAsync(PortalDbContext db, int inboxId, CancellationToken cancellationToken = default)
    {
        await using var body = await OpenAsync(db, inboxId, cancellationToken);
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    /// <summary>
    /// Compresses the body of an ingested callback in place. Only a Processed callback whose body is still as
    /// received is changed, checked in the same transaction as the write, so a replay that reopened it (or a
    /// second compressor) wins and this does nothing. Returns the stored bytes saved (0 when nothing changed).
    /// </summary>
    public static async Task<long> CompressAsync(PortalDbContext db, int inboxId, CancellationToken cancellationToken = default)
    {
        byte[] compressed;
        long rawLength;
        await using (var raw = await OpenRawAsync(db, inboxId, cancellationToken))
        {
            rawLength = raw.Length;
            using var output = new MemoryStream(capacity: (int)Math.Min(rawLength / 8 + 1024, int.MaxValue));
            using (var encoder = new BrotliStream(output, new BrotliCompressionOptions { Quality = BrotliQuality }, leaveOpen: true))
                await raw.CopyToAsync(encoder, cancellationToken);
            compressed = output.ToArray();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync($"""
            UPDATE "CallbackInbox" SET "BodyEncoding" = {(int)CallbackBodyEncoding.Brotli}
            WHERE "Id" = {inboxId} AND "State" = {(int)InboxState.Processed}
              AND "BodyEncoding" = {(int)CallbackBodyEncoding.Identity} AND "BodyDeletedAt" IS NULL
            """, cancellationToken);
        if (claimed == 0)
            return 0;
        await db.Database.ExecuteSqlAsync($"""UPDATE "CallbackBodies" SET "Body" = {compressed} WHERE "Id" = {inboxId}""", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rawLength - compressed.Length;
    }

    /// <summary>
    /// Gives the pages freed by compressed or deleted bodies back to the file system: SQLite keeps them inside
    /// the file otherwise (the database is in incremental auto-vacuum, see <see cref="PortalDatabase"/>).
    /// The WAL that wrote them is then checkpointed and cut to nothing: it would otherwise stay as large as the
    /// body it once held until a later commit (see <see cref="SqliteBusyTimeout"/>). The checkpoint waits at most
    /// 200 ms for readers of older snapshots (a long download, say); one it cannot finish is left to the next.
    /// PostgreSQL's autovacuum makes the space reusable by itself.
    /// </summary>
    public static async Task ReleaseFreePagesAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsSqlite())
            return;
        await db.Database.ExecuteSqlRawAsync("PRAGMA incremental_vacuum;", cancellationToken);
        // A row (busy, log, checkpointed) comes back, never an error: an unfinished checkpoint is no failure.
        await db.Database.ExecuteSqlRawAsync(
            "PRAGMA busy_timeout = 200; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA busy_timeout = 30000;", cancellationToken);
    }

    private static async Task<Stream> OpenRawAsync(PortalDbContext db, int inboxId, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // The connection stays open for the context's lifetime (EF closes it on dispose).
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            // CallbackBodies.Id is an INTEGER PRIMARY KEY, so it is the rowid the blob API asks for.
            var blob = new SqliteBlob(connection, CallbackInboxConfiguration.BodyTable, nameof(CallbackInbox.Body), inboxId, readOnly: true);
            return new BufferedStream(blob, BufferBytes);
        }

        var body = await db.CallbackInbox.AsNoTracking().Where(c => c.Id == inboxId).Select(c => c.Body).SingleAsync(cancellationToken);
        return new MemoryStream(body, writable: false);
    }
}
