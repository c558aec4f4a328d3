using GbcPortal.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GbcPortal.Testing;

/// <summary>
/// A migrated database of its own for one test (or benchmark), deleted on dispose: an SQLite file in a temp folder,
/// or a database on the test process's private PostgreSQL server (<see cref="PostgresServer"/>).
/// </summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly PostgresServer? server;
    private readonly string? databaseName;
    private readonly TempFolder? folder;

    private TempDatabase(DatabaseProvider provider, string connectionString, TempFolder? folder, PostgresServer? server, string? databaseName)
    {
        (Provider, ConnectionString, this.folder, this.server, this.databaseName) = (provider, connectionString, folder, server, databaseName);
        Factory = CreateOtherFactory();
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The folder of the SQLite file (SQLite only).</summary>
    public string Folder => folder?.Path ?? throw new InvalidOperationException("A PostgreSQL database has no folder.");

    /// <summary>The SQLite file (SQLite only).</summary>
    public string Path => folder?.File("portal.db") ?? throw new InvalidOperationException("A PostgreSQL database has no file.");

    public IDbContextFactory<PortalDbContext> Factory { get; }

    /// <summary>A second, independent factory on the same database: another "server".</summary>
    public IDbContextFactory<PortalDbContext> CreateOtherFactory() => PortalDatabase.CreateFactory(Provider, ConnectionString);

    public static async Task<TempDatabase> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        TempDatabase database;
        if (provider == DatabaseProvider.Postgres)
        {
            var server = await PostgresServer.GetAsync();
            var name = PostgresServer.NewDatabaseName();
            database = new TempDatabase(provider, server.ConnectionString(name), null, server, name);
        }
        else
        {
            var folder = new TempFolder("gbc-db-");
            database = new TempDatabase(provider, new SqliteConnectionStringBuilder { DataSource = folder.File("portal.db") }.ToString(), folder, null, null);
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
        folder?.Dispose();
    }
}
