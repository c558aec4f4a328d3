using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GbcPortal.Core.Persistence;

/// <summary>Creating contexts for a provider, and bringing a database up to date.</summary>
public static class PortalDatabase
{
    // Any constant works, as long as every instance uses the same one (and it differs from the rate budget's).
    private const long MigrationLockKey = 0x6762_634d_6967_7261;

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        _ = provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString).AddInterceptors(SqliteBusyTimeout.Instance)
                .ReplaceService<IMigrationsSqlGenerator, ClusteredTablesSqlGenerator>(),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    /// <summary>A factory without dependency injection: for tests, tools and benchmarks.</summary>
    public static IDbContextFactory<PortalDbContext> CreateFactory(DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => new DelegateFactory(() => new SqlitePortalDbContext(
                Build<SqlitePortalDbContext>(provider, connectionString))),
            DatabaseProvider.Postgres => new DelegateFactory(() => new PostgresPortalDbContext(
                Build<PostgresPortalDbContext>(provider, connectionString))),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };

    /// <summary>The SQLite factory for a file path (created with its folder when migrated).</summary>
    public static IDbContextFactory<PortalDbContext> CreateSqliteFactory(string path) =>
        CreateFactory(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path }.ToString());

    /// <summary>
    /// Applies the provider's migrations (creating an SQLite file and its folder, or the PostgreSQL database, if
    /// needed). On PostgreSQL several instances may start at once: they migrate one after the other under
    /// <see cref="RunExclusiveAsync"/>, so none sees a half-made schema or races to create the database.
    /// <paramref name="alsoUnderLock"/> runs in the same turn (the host installs Hangfire's schema there).
    /// </summary>
    public static async Task MigrateAsync(IDbContextFactory<PortalDbContext> factory, CancellationToken cancellationToken = default,
        Func<string, CancellationToken, Task>? alsoUnderLock = null)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            var connectionString = db.Database.GetConnectionString()!;
            await RunExclusiveAsync(connectionString, async ct =>
            {
                await db.Database.MigrateAsync(ct);
                if (alsoUnderLock is not null)
                {
                    await alsoUnderLock(connectionString, ct);
                }
            }, cancellationToken);
            return;
        }

        if (db.Database.IsSqlite())
        {
            var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await UseIncrementalVacuumAsync(db, cancellationToken);
            // WAL lets readers (pages) proceed while a dispatcher or ingest holds the write lock; it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// SQLite keeps the pages of a deleted or shrunk row inside the file; in incremental auto-vacuum mode
    /// <c>PRAGMA incremental_vacuum</c> gives them back, which the callback bodies' compression and retention do
    /// (see <see cref="StoredCallbackBody.ReleaseFreePagesAsync"/>). The mode can only be set on an empty file or
    /// by a VACUUM, so a database made before this setting is rebuilt once, here, at start-up.
    /// </summary>
    private static async Task UseIncrementalVacuumAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        const int incremental = 2;
        if (await db.Database.SqlQueryRaw<int>("SELECT auto_vacuum AS Value FROM pragma_auto_vacuum").SingleAsync(cancellationToken) == incremental)
        {
            return;
        }

        // The requested mode belongs to the connection that runs the VACUUM.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA auto_vacuum = INCREMENTAL;", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("VACUUM;", cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> while holding a session advisory lock of the PostgreSQL server, taken in its
    /// maintenance database (advisory locks belong to one database, and the portal's may not exist yet). A
    /// process that dies holding it loses its connection, and with it the lock.
    /// </summary>
    public static async Task RunExclusiveAsync(string connectionString, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection) { CommandTimeout = 0 })
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await work(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>What the host calls once at start-up, before the Hangfire server starts.</summary>
    public static Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        MigrateAsync(services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), cancellationToken);

    private static DbContextOptions<T> Build<T>(DatabaseProvider provider, string connectionString)
        where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        Configure(builder, provider, connectionString);
        return builder.Options;
    }

    private sealed class DelegateFactory(Func<PortalDbContext> create) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => create();
    }
}
