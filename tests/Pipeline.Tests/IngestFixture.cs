using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Utility;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GbcPortal.Pipeline.Tests;

/// <summary>IngestService on a real SQLite file in a temp folder, without a host.</summary>
public sealed class IngestFixture : IAsyncDisposable
{
    private IngestFixture(IDbContextFactory<PortalDbContext> databases) => Databases = databases;

    public IDbContextFactory<PortalDbContext> Databases { get; }

    public RequestStatusNotifier Notifier { get; } = new(NullLogger<RequestStatusNotifier>.Instance);

    public static async Task<IngestFixture> CreateAsync()
    {
        var folder = new TempFolder();
        var fixture = new IngestFixture(PortalDatabase.CreateSqliteFactory(Path.Combine(folder.Path, "portal.db"))) { Folder = folder };
        await PortalDatabase.MigrateAsync(fixture.Databases);
        return fixture;
    }

    private TempFolder? Folder { get; set; }

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

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Folder?.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class NoFeeds : IFeedSource
    {
        public Task<Stream> OpenAsync(Uri resource, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("This test sends Push feeds only.");
    }
}
