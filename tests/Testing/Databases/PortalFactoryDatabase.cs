using GbcPortal.Core.Persistence;

namespace GbcPortal.Testing;

/// <summary>
/// The database a <see cref="PortalFactory"/> portal runs on: SQLite in its data folder (the default settings), or a
/// fresh database on the test process's private PostgreSQL server, dropped at the end.
/// </summary>
public sealed class PortalFactoryDatabase : IAsyncDisposable
{
    private readonly PostgresServer? server;
    private readonly string? name;

    private PortalFactoryDatabase(DatabaseProvider provider, PostgresServer? server, string? name) =>
        (Provider, this.server, this.name) = (provider, server, name);

    public DatabaseProvider Provider { get; }

    public static async Task<PortalFactoryDatabase> CreateAsync(DatabaseProvider provider) => provider == DatabaseProvider.Postgres
        ? new PortalFactoryDatabase(provider, await PostgresServer.GetAsync(), PostgresServer.NewDatabaseName("portal"))
        : new PortalFactoryDatabase(provider, null, null);

    /// <summary>The portal settings with this database's provider and connection string added.</summary>
    public Dictionary<string, string?> With(Dictionary<string, string?> settings)
    {
        if (server is not null)
        {
            settings["Database:Provider"] = Provider.ToString();
            settings["ConnectionStrings:Portal"] = server.ConnectionString(name!);
        }

        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DropDatabaseAsync(name!);
        }
    }
}
