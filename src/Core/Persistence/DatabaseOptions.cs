using Microsoft.Data.Sqlite;

namespace GbcPortal.Core.Persistence;

/// <summary>
/// Where the portal's database is (section <c>Database</c>; <c>Database:Provider</c> is read when the services are
/// registered, see <see cref="PersistenceServiceCollectionExtensions.GetDatabaseProvider"/>). The connection string
/// is <c>ConnectionStrings:Portal</c>; without one, SQLite uses <c>portal.db</c> in <see cref="SqliteDirectory"/>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>ConnectionStrings:Portal</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The folder of <c>portal.db</c> when SQLite has no connection string: the host's data folder.</summary>
    public string? SqliteDirectory { get; set; }

    public string ConnectionStringFor(DatabaseProvider provider) =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : provider == DatabaseProvider.Sqlite && !string.IsNullOrWhiteSpace(SqliteDirectory)
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(SqliteDirectory, "portal.db") }.ToString()
            : throw new InvalidOperationException(provider == DatabaseProvider.Sqlite
                ? "ConnectionStrings:Portal or Database:SqliteDirectory is required for the Sqlite provider."
                : "ConnectionStrings:Portal is required for the Postgres provider.");
}
