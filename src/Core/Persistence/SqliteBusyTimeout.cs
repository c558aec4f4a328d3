using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GbcPortal.Core.Persistence;

/// <summary>
/// Lets SQLite wait (in short steps) for another process's write lock instead of failing at once;
/// the dispatchers of two portal processes queue on the same file this way.
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
        command.CommandText = "PRAGMA busy_timeout = 30000;";
        command.ExecuteNonQuery();
    }
}
