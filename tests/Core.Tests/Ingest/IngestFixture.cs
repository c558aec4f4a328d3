using GbcPortal.Core.Gbc;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Tests.Ingest;

/// <summary>IngestService on a real SQLite file in a temp folder (or a database of the private PostgreSQL server), without a host.</summary>
public sealed class IngestFixture : IAsyncDisposable
{
    private readonly TempDatabase database;

    private IngestFixture(TempDatabase database) => this.database = database;

    public IDbContextFactory<PortalDbContext> Databases => database.Factory;

    public RequestStatusNotifier Notifier { get; } = new(NullLogger<RequestStatusNotifier>.Instance);

    /// <summary>The SQLite file, when on SQLite.</summary>
    public string? SqliteFile => database.Provider == DatabaseProvider.Sqlite ? database.Path : null;

    public static async Task<IngestFixture> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        new(await TempDatabase.CreateAsync(provider));

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

    public Task<int> StoreCallbackAsync(DataRequest request, byte[] body) => DataRequests.StoreCallbackAsync(Databases, request, body);

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

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private sealed class NoFeeds : IFeedSource
    {
        public Task<Stream> OpenAsync(Uri resource, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("This test sends Push feeds only.");
    }
}
