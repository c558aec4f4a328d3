using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GbcPortal.Core.Persistence;

/// <summary>
/// Per-connection SQLite settings. busy_timeout lets a connection wait (in short steps) for another
/// process's write lock instead of failing at once, so the dispatchers of two portal processes queue
/// on the same file. synchronous=NORMAL is the setting SQLite recommends with WAL: a commit survives a
/// crash of the process, and only an OS crash or power cut can lose the latest commits; with FULL each
/// commit waits for an fsync (about 70 ms on this kind of disk), which would cap the portal at a dozen
/// writes a second. PostgreSQL is the choice where power-cut durability of every callback matters.
/// journal_size_limit: SQLite reuses the WAL file rather than shrink it, so after a callback's ingest it stayed as
/// large as the largest transaction (30 MB beside a 29 MB database); the limit cuts it back at the first commit
/// after a complete checkpoint.
/// mmap_size: reads go through a shared memory map of the file instead of each connection's 2 MB page cache
/// and a system call per page; /staff's traffic panel looks up thousands of requests by key (README
/// "Database at scale").
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static SqliteBusyTimeout Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 1048576; PRAGMA mmap_size = 268435456;";
        command.ExecuteNonQuery();
    }
}
