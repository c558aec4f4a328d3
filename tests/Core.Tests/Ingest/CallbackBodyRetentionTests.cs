using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Tests.Ingest;

/// <summary>Callback bodies: compressed once ingested, read back as sent, deleted past retention unless not ingested.</summary>
public sealed class CallbackBodyRetentionTests
{
    private static readonly byte[] Feed = File.ReadAllBytes(RepositoryFiles.Sample("gba-15min-spring-forward-day.xml"));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_ingested_body_is_stored_compressed_reads_back_as_sent_and_still_replays(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IngestFixture.CreateAsync(provider);
        var request = await RequestAsync(fixture);
        var inboxId = await fixture.StoreCallbackAsync(request, Feed);

        var first = await fixture.Service().ProcessAsync(inboxId, ct);
        var stored = await fixture.InboxAsync(inboxId);
        byte[] readBack;
        await using (var db = await fixture.Databases.CreateDbContextAsync(ct))
            readBack = await StoredCallbackBody.ReadAllAsync(db, inboxId, ct);
        var readings = await fixture.ReadingsAsync(request.LinkId);
        var replay = await fixture.Service().ReplayAsync(inboxId, ct);

        Assert.Equal(IngestOutcome.Stored, first.Outcome);
        Assert.Equal(CallbackBodyEncoding.Brotli, stored.BodyEncoding);
        Assert.True(stored.Body.Length * 4 < Feed.Length, $"{stored.Body.Length} bytes stored for a {Feed.Length}-byte body");
        Assert.Equal(Feed, readBack);
        Assert.Equal(IngestOutcome.Stored, replay.Outcome);
        Assert.Equal(readings.Select(r => (r.Start, r.ValueWh)), (await fixture.ReadingsAsync(request.LinkId)).Select(r => (r.Start, r.ValueWh)));
        Assert.Equal(CallbackBodyEncoding.Brotli, (await fixture.InboxAsync(inboxId)).BodyEncoding);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Retention_deletes_old_ingested_bodies_in_batches_and_keeps_recent_failed_and_not_ingested_ones(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await IngestFixture.CreateAsync(provider);
        var ingest = fixture.Service();
        var old = DateTimeOffset.UtcNow.AddDays(-31);

        var aged = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var id = await fixture.StoreCallbackAsync(await RequestAsync(fixture), Feed);
            await ingest.ProcessAsync(id, ct);
            aged.Add(id);
        }
        var completed = await RequestAsync(fixture);
        var recent = await fixture.StoreCallbackAsync(completed, Feed);
        await ingest.ProcessAsync(recent, ct);
        var notIngested = await fixture.StoreCallbackAsync(completed, Feed);
        Assert.Equal(IngestOutcome.NotIngested, (await ingest.ProcessAsync(notIngested, ct)).Outcome);
        byte[] malformed = "not a feed"u8.ToArray();
        var failed = await fixture.StoreCallbackAsync(await RequestAsync(fixture), malformed);
        Assert.Equal(IngestOutcome.Malformed, (await ingest.ProcessAsync(failed, ct)).Outcome);
        // Ingested before bodies were compressed: the job compresses it.
        var legacy = await fixture.StoreCallbackAsync(await RequestAsync(fixture), Feed);
        await using (var db = await fixture.Databases.CreateDbContextAsync(ct))
        {
            await db.CallbackInbox.Where(c => aged.Contains(c.Id) || c.Id == notIngested || c.Id == failed)
                .ExecuteUpdateAsync(c => c.SetProperty(i => i.ProcessedAt, old).SetProperty(i => i.ReceivedAt, old), ct);
            await db.CallbackInbox.Where(c => c.Id == legacy)
                .ExecuteUpdateAsync(c => c.SetProperty(i => i.State, InboxState.Processed).SetProperty(i => i.ProcessedAt, DateTimeOffset.UtcNow), ct);
        }
        var sizeBefore = await SqliteFileBytesAsync(fixture);

        var retention = new CallbackBodyRetention(fixture.Databases, TimeProvider.System,
            Options.Create(new IngestOptions { BodyRetentionDays = 30, BodyBatchSize = 3 }), NullLogger<CallbackBodyRetention>.Instance);
        var result = await retention.RunAsync(ct);
        var again = await retention.RunAsync(ct);

        Assert.Equal(new BodyRetentionResult(1, result.BytesSaved, 4), result);
        Assert.True(result.BytesSaved > Feed.Length / 2);
        Assert.Equal(new BodyRetentionResult(0, 0, 0), again);
        foreach (var id in aged)
        {
            var inbox = await fixture.InboxAsync(id);
            Assert.NotNull(inbox.BodyDeletedAt);
            Assert.Empty(inbox.Body);
            Assert.Equal(InboxState.Processed, inbox.State); // the row and its metadata stay
        }
        Assert.Equal(Feed, await BodyAsync(fixture, recent));
        Assert.Equal(Feed, await BodyAsync(fixture, legacy));
        Assert.Equal(CallbackBodyEncoding.Brotli, (await fixture.InboxAsync(legacy)).BodyEncoding);
        Assert.Equal(Feed, await BodyAsync(fixture, notIngested));
        Assert.Equal(malformed, await BodyAsync(fixture, failed));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ingest.ReplayAsync(aged[0], ct));
        Assert.Contains("retention", refused.Message, StringComparison.Ordinal);
        Assert.Equal(InboxState.Processed, (await fixture.InboxAsync(aged[0])).State);
        if (provider == DatabaseProvider.Sqlite)
        {
            Assert.True(await SqliteFileBytesAsync(fixture) < sizeBefore, "the file gave the freed pages back");
            Assert.Equal(0L, await SqlitePragmaAsync(fixture, "freelist_count"));
        }
    }

    private static async Task<byte[]> BodyAsync(IngestFixture fixture, int inboxId)
    {
        await using var db = await fixture.Databases.CreateDbContextAsync();
        return await StoredCallbackBody.ReadAllAsync(db, inboxId);
    }

    private static async Task<long> SqliteFileBytesAsync(IngestFixture fixture) =>
        fixture.SqliteFile is null ? 0 : await SqlitePragmaAsync(fixture, "page_count") * await SqlitePragmaAsync(fixture, "page_size");

    private static async Task<long> SqlitePragmaAsync(IngestFixture fixture, string pragma)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fixture.SqliteFile, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Task<DataRequest> RequestAsync(IngestFixture fixture) =>
        DataRequests.SentAsync(fixture.Databases, "4820183311",
            new DateTimeOffset(2011, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero));
}
