using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{PortalDbContext}"/> (singleton) and a scoped
    /// <see cref="PortalDbContext"/> (for the Identity stores) from <c>Database:Provider</c>
    /// (Sqlite | Postgres) and <see cref="DatabaseOptions"/>: <c>ConnectionStrings:Portal</c>, or for SQLite
    /// <c>portal.db</c> in <see cref="DatabaseOptions.SqliteDirectory"/>, which the host configures.
    /// </summary>
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        // The provider picks the context type, so it is read now; the connection string is read when first used.
        var provider = builder.Configuration.GetDatabaseProvider();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) => options.ConnectionString ??= configuration.GetConnectionString("Portal"))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddPortalDatabase(provider, services => services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionStringFor(provider));
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
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString) =>
        services.AddPortalDatabase(provider, _ => connectionString);

    private static IServiceCollection AddPortalDatabase(this IServiceCollection services, DatabaseProvider provider,
        Func<IServiceProvider, string> connectionString)
    {
        // Pooled: every dispatch step, callback and page uses a short-lived context, and building one (its internal service
        // scope, its connection object) was about a tenth of a send's CPU (README "The simulation at scale"). A context
        // goes back to the pool reset (change tracker, transaction, connection closed).
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddPooledDbContextFactory<SqlitePortalDbContext>((sp, o) => PortalDatabase.Configure(o, provider, connectionString(sp)));
                services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlitePortalDbContext>>();
                break;
            case DatabaseProvider.Postgres:
                services.AddPooledDbContextFactory<PostgresPortalDbContext>((sp, o) => PortalDatabase.Configure(o, provider, connectionString(sp)));
                services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<PostgresPortalDbContext>>();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        return services;
    }
}
