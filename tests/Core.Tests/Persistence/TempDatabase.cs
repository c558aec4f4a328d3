using GbcPortal.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Persistence;

/// <summary>A migrated SQLite file in its own temp folder, deleted on dispose.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private TempDatabase(string folder)
    {
        Folder = folder;
        Path = System.IO.Path.Combine(folder, "portal.db");
        Factory = PortalDatabase.CreateSqliteFactory(Path);
    }

    public string Folder { get; }

    public string Path { get; }

    public IDbContextFactory<PortalDbContext> Factory { get; }

    /// <summary>A second, independent factory on the same file: another "server".</summary>
    public IDbContextFactory<PortalDbContext> CreateOtherFactory() => PortalDatabase.CreateSqliteFactory(Path);

    public static async Task<TempDatabase> CreateAsync()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gbc-tests", Guid.NewGuid().ToString("N"));
        var database = new TempDatabase(folder);
        await PortalDatabase.MigrateAsync(database.Factory, TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>Adds a user and returns its id (links need an owner).</summary>
    public async Task<string> AddUserAsync(string email)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var user = new PortalUser { UserName = email, Email = email };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere is left for the OS temp cleanup; the test result does not depend on it.
        }

        return ValueTask.CompletedTask;
    }
}
