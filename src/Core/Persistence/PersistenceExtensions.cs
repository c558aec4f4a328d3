using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GbcPortal.Core.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{PortalDbContext}"/> (singleton) and a scoped
    /// <see cref="PortalDbContext"/> (for the Identity stores) from <c>Database:Provider</c>
    /// (Sqlite | Postgres) and <c>ConnectionStrings:Portal</c>. Without a connection string, SQLite
    /// uses <c>{Portal:DataDirectory}/portal.db</c> (default folder <c>data</c> under the content root).
    /// </summary>
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var provider = configuration.GetDatabaseProvider();
        var connectionString = configuration.GetConnectionString("Portal");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException("ConnectionStrings:Portal is required for the Postgres provider.");
            }

            var folder = Path.Combine(builder.Environment.ContentRootPath, configuration["Portal:DataDirectory"] ?? "data");
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "portal.db") }.ToString();
        }

        builder.Services.AddPortalDatabase(provider, connectionString);
        return builder;
    }

    /// <summary><c>Database:Provider</c> (Sqlite when unset); anything else is a clear start-up error.</summary>
    public static DatabaseProvider GetDatabaseProvider(this IConfiguration configuration)
    {
        var text = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DatabaseProvider.Sqlite;
        }

        // By name only: Enum.TryParse would also take "1" or "7".
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            if (string.Equals(provider.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        throw new InvalidOperationException($"Database:Provider is '{text}'; expected Sqlite or Postgres.");
    }

    /// <summary>The same registration without a host builder (tests, tools).</summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContextFactory<SqlitePortalDbContext>(o => PortalDatabase.Configure(o, provider, connectionString));
                services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlitePortalDbContext>>();
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContextFactory<PostgresPortalDbContext>(o => PortalDatabase.Configure(o, provider, connectionString));
                services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<PostgresPortalDbContext>>();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        return services;
    }
}
