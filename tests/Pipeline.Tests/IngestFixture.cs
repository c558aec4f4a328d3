using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Utility;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GbcPortal.Pipeline.Tests;

/// <summary>IngestService on a real SQLite file in a temp folder (or a database of the private PostgreSQL server), without a host.</summary>
public sealed class IngestFixture : IAsyncDisposable
{
    private IngestFixture(IDbContextFactory<PortalDbContext> databases) => Databases = databases;

    public IDbContextFactory<PortalDbContext> Databases { get; }

    public RequestStatusNotifier Notifier { get; } = new(NullLogger<RequestStatusNotifier>.Instance);

    /// <summary>The SQLite file, when on SQLite.</summary>
    public string? SqliteFile { get; private init; }

    public static async Task<IngestFixture> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        IngestFixture fixture;
        if (provider == DatabaseProvider.Postgres)
        {
            var server = await GbcPortal.Testing.PostgresServer.GetAsync();
            var name = GbcPortal.Testing.PostgresServer.NewDatabaseName("ingest");
            fixture = new IngestFixture(PortalDatabase.CreateFactory(provider, server.ConnectionString(name))) { Server = server, DatabaseName = name };
        }
        else
        {
            var folder = new TempFolder();
            var file = Path.Combine(folder.Path, "portal.db");
            fixture = new IngestFixture(PortalDatabase.CreateSqliteFactory(file)) { Folder = folder, SqliteFile = file };
        }
        await PortalDatabase.MigrateAsync(fixture.Databases);
        return fixture;
    }

    private TempFolder? Folder { get; init; }

    private GbcPortal.Testing.PostgresServer? Server { get; init; }

    private string? DatabaseName { get; init; }

    /// <summary>The utility's address as <c>Utility:BaseUrl</c> gives it: Notify resources must be on its host.</summary>
    public static Uri UtilityBase { get; } = new("https://utility.example.test:7443/");

    public IngestService Service(IIngestProbe? probe = null, IFeedSource? feeds = null) => new(
        Databases,
        feeds ?? new NoFeeds(),
        new RequestOutcomes(Databases, Notifier, TimeProvider.System, Options.Create(new DispatchOptions())),
        probe ?? new NoIngestProbe(),
        TimeProvider.System,
        NullLogger<IngestService>.Instance,
        Options.Create(new GbcClientOptions { BaseUrl = UtilityBase }));

    public async Task<int> StoreCallbackAsync(DataRequest request, byte[] body)
    {
        await using var db = await Databases.CreateDbContextAsync();
        var inbox = new CallbackInbox
        {
            DataRequestId = request.Id,
            RequestId = request.RequestId,
            Body = body,
            ReceivedAt = DateTimeOffset.UtcNow,
            State = InboxState.Received,
        };
        db.CallbackInbox.Add(inbox);
        await db.SaveChangesAsync();
        return inbox.Id;
    }

    public async Task<List<StoredReading>> ReadingsAsync(int linkId)
    {
        await using var db = await Databases.CreateDbContextAsync();
        return await db.Readings.AsNoTracking().Where(r => r.LinkId == linkId).OrderBy(r => r.ReadingTypeId).ThenBy(r => r.Start).ToListAsync();
    }

    public async Task<DataRequest> RequestAsync(int id)
    {
        await using var db = await Databases.CreateDbContextAsync();
        return await db.DataRequests.AsNoTracking().Include(r => r.Link).SingleAsync(r => r.Id == id);
    }

    public async Task<CallbackInbox> InboxAsync(int id)
    {
        await using var db = await Databases.CreateDbContextAsync();
        return await db.CallbackInbox.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Folder?.Dispose();
        if (Server is not null)
            await Server.DropDatabaseAsync(DatabaseName!);
    }

    private sealed class NoFeeds : IFeedSource
    {
        public Task<Stream> OpenAsync(Uri resource, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("This test sends Push feeds only.");
    }
}
