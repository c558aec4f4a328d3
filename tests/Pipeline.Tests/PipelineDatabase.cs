using GbcPortal.Core.Persistence;
using GbcPortal.Testing;

namespace GbcPortal.Pipeline.Tests;

/// <summary>
/// The database a portal under test runs on: SQLite in its data folder (the default settings), or a
/// fresh database on the test process's private PostgreSQL server, dropped at the end.
/// </summary>
public sealed class PipelineDatabase : IAsyncDisposable
{
    private readonly PostgresServer? server;
    private readonly string? name;

    private PipelineDatabase(DatabaseProvider provider, PostgresServer? server, string? name) =>
        (Provider, this.server, this.name) = (provider, server, name);

    public DatabaseProvider Provider { get; }

    public static async Task<PipelineDatabase> CreateAsync(DatabaseProvider provider) => provider == DatabaseProvider.Postgres
        ? new PipelineDatabase(provider, await PostgresServer.GetAsync(), PostgresServer.NewDatabaseName("portal"))
        : new PipelineDatabase(provider, null, null);

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
