using GbcPortal.Core.Persistence;
using GbcPortal.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GbcPortal.Simulation;

/// <summary>
/// The run's database, migrated and empty: the given one, or a new SQLite file in a temp folder (deleted after),
/// or a new database on a private PostgreSQL server started as the tests start theirs (dropped after; the server
/// stops when the process exits).
/// </summary>
public sealed class SimulationDatabase : IAsyncDisposable
{
    private readonly string? folder;
    private readonly PostgresServer? server;
    private readonly string? databaseName;

    private SimulationDatabase(DatabaseProvider provider, string connectionString, string description, string? folder, PostgresServer? server, string? databaseName)
    {
        (Provider, ConnectionString, Description, this.folder, this.server, this.databaseName) =
            (provider, connectionString, description, folder, server, databaseName);
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>For the report: which database, without a password.</summary>
    public string Description { get; }

    public static async Task<SimulationDatabase> CreateAsync(DatabaseProvider provider, string? connectionString, CancellationToken cancellationToken)
    {
        SimulationDatabase database;
        if (connectionString is not null)
        {
            var where = provider == DatabaseProvider.Postgres
                ? $"PostgreSQL {new NpgsqlConnectionStringBuilder(connectionString).Host}/{new NpgsqlConnectionStringBuilder(connectionString).Database}"
                : $"SQLite {new SqliteConnectionStringBuilder(connectionString).DataSource}";
            database = new SimulationDatabase(provider, connectionString, where + " (given)", null, null, null);
        }
        else if (provider == DatabaseProvider.Postgres)
        {
            var server = await PostgresServer.GetAsync();
            var name = PostgresServer.NewDatabaseName("sim");
            database = new SimulationDatabase(provider, server.ConnectionString(name),
                $"PostgreSQL, a private server on 127.0.0.1:{server.Port} (fsync off), database {name}", null, server, name);
        }
        else
        {
            var folder = Path.Combine(Path.GetTempPath(), "gbc-simulation", Guid.NewGuid().ToString("N"));
            var path = Path.Combine(folder, "portal.db");
            database = new SimulationDatabase(provider, new SqliteConnectionStringBuilder { DataSource = path }.ToString(),
                $"SQLite file {path} (WAL)", folder, null, null);
        }

        var factory = PortalDatabase.CreateFactory(provider, database.ConnectionString);
        await PortalDatabase.MigrateAsync(factory, cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.ServiceLinks.AnyAsync(cancellationToken) || await db.DataRequests.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException($"The database {database.Description} already holds links or requests; give an empty one.");
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DropDatabaseAsync(databaseName!);
        }

        if (folder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left to the temp folder's cleaning; the figures do not depend on it.
            }
        }
    }
}
