using GbcPortal.Core.Persistence;
using GbcPortal.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Persistence;

/// <summary>
/// A migrated database of its own for one test, deleted on dispose: an SQLite file in a temp folder,
/// or a database on the test process's private PostgreSQL server (<see cref="PostgresServer"/>).
/// </summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly PostgresServer? server;
    private readonly string? databaseName;

    private TempDatabase(DatabaseProvider provider, string connectionString, string folder, PostgresServer? server, string? databaseName)
    {
        (Provider, ConnectionString, Folder, this.server, this.databaseName) = (provider, connectionString, folder, server, databaseName);
        Path = System.IO.Path.Combine(folder, "portal.db");
        Factory = CreateOtherFactory();
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string Folder { get; }

    /// <summary>The SQLite file (SQLite only).</summary>
    public string Path { get; }

    public IDbContextFactory<PortalDbContext> Factory { get; }

    /// <summary>A second, independent factory on the same database: another "server".</summary>
    public IDbContextFactory<PortalDbContext> CreateOtherFactory() => PortalDatabase.CreateFactory(Provider, ConnectionString);

    public static async Task<TempDatabase> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gbc-tests", Guid.NewGuid().ToString("N"));
        TempDatabase database;
        if (provider == DatabaseProvider.Postgres)
        {
            var server = await PostgresServer.GetAsync();
            var name = PostgresServer.NewDatabaseName();
            database = new TempDatabase(provider, server.ConnectionString(name), folder, server, name);
        }
        else
        {
            var path = System.IO.Path.Combine(folder, "portal.db");
            database = new TempDatabase(provider, new SqliteConnectionStringBuilder { DataSource = path }.ToString(), folder, null, null);
        }

        await PortalDatabase.MigrateAsync(database.Factory, TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>Adds a user and returns its id (links need an owner).</summary>
    public async Task<string> AddUserAsync(string email)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var user = new PortalUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant() };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DropDatabaseAsync(databaseName!);
            return;
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere is left for the OS temp cleanup; the test result does not depend on it.
        }
    }
}
