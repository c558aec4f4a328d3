using System.Text;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Utility;

namespace GbcPortal.Pipeline.Tests;

/// <summary>Ingest of stored callbacks: idempotent, crash-safe, malformed bodies kept and replayable.</summary>
public sealed class IngestServiceTests : IAsyncLifetime
{
    // Counted from the files by a separate script: 92 readings, 109,403 Wh; the gas file has 13 readings.
    private const int SpringForwardReadings = 92;
    private const double SpringForwardWh = 109403;
    private const int GasReadings = 13;

    private IngestFixture _db = null!;

    public async ValueTask InitializeAsync() => _db = await IngestFixture.CreateAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task The_same_feed_ingested_twice_leaves_the_same_rows()
    {
        var request = await RequestAsync();
        var body = await File.ReadAllBytesAsync(TestData.Sample("gba-15min-spring-forward-day.xml"), TestContext.Current.CancellationToken);
        var ingest = _db.Service();

        var first = await ingest.ProcessAsync(await _db.StoreCallbackAsync(request, body), TestContext.Current.CancellationToken);
        var afterFirst = await _db.ReadingsAsync(request.LinkId);
        var second = await ingest.ProcessAsync(await _db.StoreCallbackAsync(request, body), TestContext.Current.CancellationToken);
        var afterSecond = await _db.ReadingsAsync(request.LinkId);

        Assert.Equal(IngestOutcome.Stored, first.Outcome);
        Assert.Equal(IngestOutcome.Stored, second.Outcome);
        Assert.Equal(SpringForwardReadings, afterFirst.Count);
        Assert.Equal(SpringForwardWh, afterFirst.Sum(r => r.ValueWh), 6);
        Assert.Equal(afterFirst.Select(r => (r.ReadingTypeId, r.Start, r.ValueWh, r.DurationSeconds)),
            afterSecond.Select(r => (r.ReadingTypeId, r.Start, r.ValueWh, r.DurationSeconds)));
        var done = await _db.RequestAsync(request.Id);
        Assert.Equal(RequestStatus.Complete, done.Status);
        Assert.Equal(LinkStatus.Active, done.Link!.Status);
    }

    [Fact]
    public async Task A_job_run_twice_on_one_callback_changes_nothing_the_second_time()
    {
        var request = await RequestAsync();
        var inboxId = await _db.StoreCallbackAsync(request, await File.ReadAllBytesAsync(TestData.Sample("gba-15min-spring-forward-day.xml"),
            TestContext.Current.CancellationToken));

        await _db.Service().ProcessAsync(inboxId, TestContext.Current.CancellationToken);
        var again = await _db.Service().ProcessAsync(inboxId, TestContext.Current.CancellationToken);

        Assert.Equal(IngestOutcome.AlreadyProcessed, again.Outcome);
        Assert.Equal(SpringForwardReadings, (await _db.ReadingsAsync(request.LinkId)).Count);
    }

    [Fact]
    public async Task A_crash_half_way_stores_nothing_and_the_rerun_completes()
    {
        var request = await RequestAsync();
        var inboxId = await _db.StoreCallbackAsync(request, await File.ReadAllBytesAsync(TestData.Sample("gba-15min-spring-forward-day.xml"),
            TestContext.Current.CancellationToken));

        await Assert.ThrowsAsync<IOException>(() => _db.Service(new CrashOnce()).ProcessAsync(inboxId, TestContext.Current.CancellationToken));
        Assert.Empty(await _db.ReadingsAsync(request.LinkId));
        Assert.Equal(RequestStatus.Submitted, (await _db.RequestAsync(request.Id)).Status);

        var rerun = await _db.Service().ProcessAsync(inboxId, TestContext.Current.CancellationToken);

        Assert.Equal(IngestOutcome.Stored, rerun.Outcome);
        Assert.Equal(SpringForwardReadings, (await _db.ReadingsAsync(request.LinkId)).Count);
        Assert.Equal(RequestStatus.Complete, (await _db.RequestAsync(request.Id)).Status);
        Assert.Equal(InboxState.Processed, (await _db.InboxAsync(inboxId)).State);
    }

    [Fact]
    public async Task A_malformed_body_fails_the_request_keeps_the_error_and_replays_after_a_fix()
    {
        var request = await RequestAsync();
        var inboxId = await _db.StoreCallbackAsync(request, "this is not a Green Button feed"u8.ToArray());

        var result = await _db.Service().ProcessAsync(inboxId, TestContext.Current.CancellationToken);

        Assert.Equal(IngestOutcome.Malformed, result.Outcome);
        var failed = await _db.RequestAsync(request.Id);
        Assert.Equal(RequestStatus.Failed, failed.Status);
        Assert.Equal(IngestService.MalformedReason, failed.OutcomeReason);
        var inbox = await _db.InboxAsync(inboxId);
        Assert.Equal(InboxState.Failed, inbox.State);
        Assert.False(string.IsNullOrWhiteSpace(inbox.Error));
        Assert.Equal("this is not a Green Button feed", Encoding.UTF8.GetString(inbox.Body));

        // The "fix": the stored body is now one the reader accepts; replay takes it from there.
        await using (var db = await _db.Databases.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var row = await db.CallbackInbox.FindAsync([inboxId], TestContext.Current.CancellationToken);
            row!.Body = await File.ReadAllBytesAsync(TestData.Sample("gba-15min-spring-forward-day.xml"), TestContext.Current.CancellationToken);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var replay = await _db.Service().ReplayAsync(inboxId, TestContext.Current.CancellationToken);

        Assert.Equal(IngestOutcome.Stored, replay.Outcome);
        Assert.Equal(RequestStatus.Complete, (await _db.RequestAsync(request.Id)).Status);
        Assert.Equal(SpringForwardReadings, (await _db.ReadingsAsync(request.LinkId)).Count);
        Assert.Null((await _db.InboxAsync(inboxId)).Error);
    }

    [Fact]
    public async Task Gas_readings_are_counted_and_skipped()
    {
        var request = await RequestAsync();
        var inboxId = await _db.StoreCallbackAsync(request, await File.ReadAllBytesAsync(TestData.Sample("gba-gas.xml"), TestContext.Current.CancellationToken));

        var result = await _db.Service().ProcessAsync(inboxId, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ReadingsStored);
        Assert.Equal(GasReadings, result.ReadingsSkipped);
        Assert.Empty(await _db.ReadingsAsync(request.LinkId));
        Assert.Equal(GasReadings, (await _db.RequestAsync(request.Id)).ReadingsSkipped);
    }

    [Fact]
    public async Task An_asynchronous_pin_rejection_of_a_verify_request_is_handled_like_the_synchronous_one()
    {
        var request = await RequestAsync(RequestKind.Verify);
        var status = new UsageRequestStatus(request.RequestId.ToString(), "U-9", RequestState.Rejected, StatusReason.PinMismatch,
            "PIN does not match Service ID");
        var inboxId = await _db.StoreCallbackAsync(request, status.ToXml());

        var result = await _db.Service().ProcessAsync(inboxId, TestContext.Current.CancellationToken);

        Assert.Equal(IngestOutcome.StatusApplied, result.Outcome);
        var after = await _db.RequestAsync(request.Id);
        Assert.NotEqual(RequestStatus.Complete, after.Status);
        Assert.Equal(LinkStatus.PinNotAccepted, after.Link!.Status);
        Assert.Empty(await _db.ReadingsAsync(request.LinkId));
    }

    private Task<DataRequest> RequestAsync(RequestKind kind = RequestKind.Backfill) =>
        TestData.SentRequestAsync(_db.Databases, "4820183311",
            DateTimeOffset.FromUnixTimeSeconds(1300000000), DateTimeOffset.FromUnixTimeSeconds(1301000000), kind);

    /// <summary>Dies after the readings are written but before anything commits, like a killed process.</summary>
    private sealed class CrashOnce : IIngestProbe
    {
        public void ReadingsWritten(int inboxId, int readings) => throw new IOException("simulated crash");
    }
}
