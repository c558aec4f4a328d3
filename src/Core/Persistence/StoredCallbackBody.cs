using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Persistence;

/// <summary>
/// Reads a stored callback's body as a stream. On SQLite the stream reads the blob in place
/// (incremental blob I/O): a 185-day callback is 4.5 MB, and loading it as a byte[] first cost
/// as much as parsing it (a large-object allocation and a copy of every overflow page).
/// Dispose the stream before writing on the same context: it holds a read snapshot.
/// </summary>
public static class StoredCallbackBody
{
    private const int BufferBytes = 64 * 1024;

    /// <summary>A seekable, read-only stream over the body of callback <paramref name="inboxId"/>.</summary>
    public static async Task<Stream> OpenAsync(PortalDbContext db, int inboxId, CancellationToken cancellationToken = default)
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
