using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace GbcPortal.Core.Persistence;

/// <summary>Creating contexts for a provider, and bringing a database up to date.</summary>
public static class PortalDatabase
{
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

    /// <summary>Applies the provider's migrations (creating an SQLite file and its folder if needed).</summary>
    public static async Task MigrateAsync(IDbContextFactory<PortalDbContext> factory, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
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
            // WAL lets readers (pages) proceed while a dispatcher or ingest holds the write lock; it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
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
