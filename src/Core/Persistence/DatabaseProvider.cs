namespace GbcPortal.Core.Persistence;

/// <summary>The setting <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file; the default, so <c>dotnet run</c> works on a fresh machine.</summary>
    Sqlite,

    /// <summary>Shared by several portal instances (scale-out).</summary>
    Postgres,
}
