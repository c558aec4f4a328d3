using System.Text;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Tests.Ingest;

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
    public async Task A_second_callback_for_a_complete_request_is_kept_not_ingested_and_a_replay_leaves_the_same_rows()
    {
        var request = await RequestAsync();
        var body = await File.ReadAllBytesAsync(RepositoryFiles.Sample("gba-15min-spring-forward-day.xml"), TestContext.Current.CancellationToken);
        var ingest = _db.Service();

        var first = await ingest.ProcessAsync(await _db.StoreCallbackAsync(request, body), TestContext.Current.CancellationToken);
        var afterFirst = await _db.ReadingsAsync(request.LinkId);
        var secondId = await _db.StoreCallbackAsync(request, body);
        var second = await ingest.ProcessAsync(secondId, TestContext.Current.CancellationToken);
        var kept = await _db.InboxAsync(secondId);
        var replayed = await ingest.ReplayAsync(secondId, TestContext.Current.CancellationToken);
        var afterSecond = await _db.ReadingsAsync(request.LinkId);

        Assert.Equal(IngestOutcome.Stored, first.Outcome);
        Assert.Equal(IngestOutcome.NotIngested, second.Outcome);
        Assert.Equal(InboxState.NotIngested, kept.State);
        Assert.Equal((CallbackProblem.AlreadyFinished, "Complete"), (kept.Problem, kept.Detail));
        Assert.Equal(body, kept.Body);
        Assert.Equal(IngestOutcome.Stored, replayed.Outcome);
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
        var inboxId = await _db.StoreCallbackAsync(request, await File.ReadAllBytesAsync(RepositoryFiles.Sample("gba-15min-spring-forward-day.xml"),
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
        var inboxId = await _db.StoreCallbackAsync(request, await File.ReadAllBytesAsync(RepositoryFiles.Sample("gba-15min-spring-forward-day.xml"),
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
        Assert.Equal(ReasonCode.MalformedCallback, failed.OutcomeReason);
        var inbox = await _db.InboxAsync(inboxId);
        Assert.Equal(InboxState.Failed, inbox.State);
        Assert.Equal(CallbackProblem.Malformed, inbox.Problem);
        Assert.False(string.IsNullOrWhiteSpace(inbox.Detail)); // the parser's own words
        Assert.Equal("this is not a Green Button feed", Encoding.UTF8.GetString(inbox.Body));

        // The "fix": the stored body is now one the reader accepts; replay takes it from there.
        await using (var db = await _db.Databases.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var row = await db.CallbackInbox.FindAsync([inboxId], TestContext.Current.CancellationToken);
            row!.Body = await File.ReadAllBytesAsync(RepositoryFiles.Sample("gba-15min-spring-forward-day.xml"), TestContext.Current.CancellationToken);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var replay = await _db.Service().ReplayAsync(inboxId, TestContext.Current.CancellationToken);

        Assert.Equal(IngestOutcome.Stored, replay.Outcome);
        Assert.Equal(RequestStatus.Complete, (await _db.RequestAsync(request.Id)).Status);
        Assert.Equal(SpringForwardReadings, (await _db.ReadingsAsync(request.LinkId)).Count);
        var replayed = await _db.InboxAsync(inboxId);
        Assert.Equal((null, null), (replayed.Problem, replayed.Detail));
    }

    [Fact]
    public async Task Gas_readings_are_counted_and_skipped()
    {
        var request = await RequestAsync();
        var inboxId = await _db.StoreCallbackAsync(request, await File.ReadAllBytesAsync(RepositoryFiles.Sample("gba-gas.xml"), TestContext.Current.CancellationToken));

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

    [Fact]
    public async Task Readings_outside_the_requested_window_are_dropped_and_counted_as_a_warning()
    {
        // The spring-forward day starts 2012-03-11 05:00 UTC; the request asked for its first 12 hours.
        var start = DateTimeOffset.FromUnixTimeSeconds(1331442000);
        var request = await DataRequests.SentAsync(_db.Databases, "4820183311", start, start.AddHours(12));
        var inboxId = await _db.StoreCallbackAsync(request, await File.ReadAllBytesAsync(RepositoryFiles.Sample("gba-15min-spring-forward-day.xml"),
            TestContext.Current.CancellationToken));

        var result = await _db.Service().ProcessAsync(inboxId, TestContext.Current.CancellationToken);

        Assert.Equal((IngestOutcome.Stored, 48, SpringForwardReadings - 48), (result.Outcome, result.ReadingsStored, result.OutsideWindow));
        var readings = await _db.ReadingsAsync(request.LinkId);
        Assert.All(readings, r => Assert.InRange(r.Start, start.ToUnixTimeSeconds(), start.AddHours(12).ToUnixTimeSeconds() - 900));
        var inbox = await _db.InboxAsync(inboxId);
        Assert.Equal((CallbackProblem.ReadingsOutsideWindow, SpringForwardReadings - 48), (inbox.Problem, inbox.Count));
        Assert.Equal(RequestStatus.Complete, (await _db.RequestAsync(request.Id)).Status);
    }

    [Fact]
    public async Task A_feed_naming_several_usage_points_is_refused_stored_and_fails_the_request()
    {
        var request = await RequestAsync();
        var inboxId = await _db.StoreCallbackAsync(request, await File.ReadAllBytesAsync(RepositoryFiles.Sample("gba-three-usage-points.xml"),
            TestContext.Current.CancellationToken));

        var result = await _db.Service().ProcessAsync(inboxId, TestContext.Current.CancellationToken);

        Assert.Equal(IngestOutcome.Refused, result.Outcome);
        Assert.Empty(await _db.ReadingsAsync(request.LinkId));
        var inbox = await _db.InboxAsync(inboxId);
        Assert.Equal((InboxState.Failed, CallbackProblem.SeveralUsagePoints, 3), (inbox.State, inbox.Problem, inbox.Count));
        var failed = await _db.RequestAsync(request.Id);
        Assert.Equal(RequestStatus.Failed, failed.Status);
        Assert.Equal(ReasonCode.CallbackRefused, failed.OutcomeReason);
    }

    public static TheoryData<string, CallbackProblem, string?, int?> RefusedNotifications => new()
    {
        { "https://api.pge.com/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/1", CallbackProblem.ResourceOffHost, "api.pge.com", null },
        { "http://utility.example.test/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/1", CallbackProblem.ResourceNotHttps, "http://utility.example.test", null },
        { "https://169.254.169.254/latest/meta-data", CallbackProblem.ResourceOffHost, "169.254.169.254", null },
        { string.Join("|", Enumerable.Range(0, 51).Select(i => $"https://utility.example.test/r/{i}")), CallbackProblem.TooManyResources, null, 51 },
    };

    [Theory]
    [MemberData(nameof(RefusedNotifications))]
    public async Task A_notification_naming_a_resource_off_the_utilitys_host_or_too_many_is_refused_and_nothing_is_fetched(
        string uris, CallbackProblem problem, string? detail, int? count)
    {
        var request = await RequestAsync();
        var inboxId = await _db.StoreCallbackAsync(request, BatchList(uris.Split('|')));
        var feeds = new RecordingFeeds();

        var result = await _db.Service(feeds: feeds).ProcessAsync(inboxId, TestContext.Current.CancellationToken);

        Assert.Equal(IngestOutcome.Refused, result.Outcome);
        Assert.Empty(feeds.Opened);
        var inbox = await _db.InboxAsync(inboxId);
        Assert.Equal((problem, detail, count), (inbox.Problem, inbox.Detail, inbox.Count));
        Assert.Equal(RequestStatus.Failed, (await _db.RequestAsync(request.Id)).Status);
    }

    [Fact]
    public async Task A_notification_naming_https_resources_on_the_utilitys_host_is_fetched_and_stored()
    {
        var request = await RequestAsync();
        var resource = new Uri(IngestFixture.UtilityBase, "/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/7");
        var inboxId = await _db.StoreCallbackAsync(request, BatchList([resource.AbsoluteUri]));
        var feeds = new RecordingFeeds();

        var result = await _db.Service(feeds: feeds).ProcessAsync(inboxId, TestContext.Current.CancellationToken);

        Assert.Equal((IngestOutcome.Stored, SpringForwardReadings), (result.Outcome, result.ReadingsStored));
        Assert.Equal([resource], feeds.Opened);
    }

    private static byte[] BatchList(IEnumerable<string> uris) => Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><BatchList xmlns=\"http://naesb.org/espi\">"
        + string.Concat(uris.Select(u => $"<resources>{System.Security.SecurityElement.Escape(u)}</resources>")) + "</BatchList>");

    // Covers every sample these tests send (2011 to 2012), so only the window test drops readings.
    private Task<DataRequest> RequestAsync(RequestKind kind = RequestKind.Backfill) =>
        DataRequests.SentAsync(_db.Databases, "4820183311",
            new DateTimeOffset(2011, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero), kind);

    /// <summary>Serves the spring-forward sample for any resource and records what was asked for.</summary>
    private sealed class RecordingFeeds : IFeedSource
    {
        public List<Uri> Opened { get; } = [];

        public Task<Stream> OpenAsync(Uri resource, CancellationToken cancellationToken)
        {
            Opened.Add(resource);
            return Task.FromResult<Stream>(File.OpenRead(RepositoryFiles.Sample("gba-15min-spring-forward-day.xml")));
        }
    }

    /// <summary>Dies after the readings are written but before anything commits, like a killed process.</summary>
    private sealed class CrashOnce : IIngestProbe
    {
        public void ReadingsWritten(int inboxId, int readings) => throw new IOException("simulated crash");
    }
}
