using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Requests.Capacity;

// The default limit (6 a minute), off-peak 02:00-14:00 UTC (18:00-06:00 PST) in late November 2025.
public sealed class OffPeakDispatchTests : CapacityTest
{
    [Fact]
    public async Task NoRefreshLeavesInPeakHours_NotAfterAStaffRetry_NorAWatchdogRequeue_NorAFailedSendsBackoff()
    {
        var now = Time.GetUtcNow(); // 10:00 PST
        var ids = await SeedActiveAsync(now.AddDays(-3), now.AddDays(-3), now.AddDays(-3));
        int failedId;
        await using (var db = await Database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var waiting = Refresh(ids[0], now, RequestStatus.Pending);
            var failed = Refresh(ids[1], now, RequestStatus.Failed);
            var overdue = Refresh(ids[2], now, RequestStatus.Submitted);
            overdue.SubmittedAt = now.AddDays(-2);
            overdue.Attempts = 1;
            db.DataRequests.AddRange(waiting, failed, overdue);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            failedId = failed.Id;
        }

        Assert.True(await Pipeline.Control.RetryRequestAsync(failedId, TestContext.Current.CancellationToken));
        var watchdog = await Pipeline.Watchdog.RunAsync(TestContext.Current.CancellationToken);
        Time.Advance(TimeSpan.FromHours(2)); // the watchdog's backoff is long over; still 12:00 PST
        var peak = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, watchdog.Resubmitted);
        Assert.Equal((0, Utc("2025-11-27T02:00:00")), (peak.Sent, peak.NextRunAt)); // they wait for 18:00 PST
        Assert.Empty(Utility.Sent);

        Time.SetUtcNow(Utc("2025-11-27T02:00:00"));
        var evening = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, evening.Sent);
    }

    [Fact]
    public async Task ARefreshRetriedAfterA503AtTheEndOfTheNight_WaitsForTheNextEvening()
    {
        Time.SetUtcNow(Utc("2025-11-27T13:59:00")); // 05:59 PST
        var ids = await SeedActiveAsync(Time.GetUtcNow().AddDays(-3));
        await using (var db = await Database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.DataRequests.Add(Refresh(ids[0], Time.GetUtcNow(), RequestStatus.Pending));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Utility.Answer("3000000000", new UtilityOutcome(UtilityOutcomeKind.Unavailable, RetryAfter: TimeSpan.FromSeconds(30), HoldsDispatch: false));
        var first = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
        Time.SetUtcNow(Utc("2025-11-27T14:01:00")); // 06:01 PST: the backoff is over, the night too
        var morning = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, first.Sent);
        Assert.Equal((0, Utc("2025-11-28T02:00:00")), (morning.Sent, morning.NextRunAt));
        Assert.Single(Utility.Sent);
    }

    [Theory]
    [InlineData("2025-11-27T13:59:49", 1, null)] // 05:59:49 PST: the claim is sent by 06:00 or given back
    [InlineData("2025-11-27T13:59:51", 0, "2025-11-28T02:00:00")] // within Dispatch:MaxClaimAgeSeconds (10 s) of 06:00: not claimed, due tonight
    [InlineData("2025-11-27T01:59:59", 0, "2025-11-27T02:00:00")] // 17:59:59 PST
    [InlineData("2025-11-27T02:00:00", 1, null)]
    public async Task ARefreshIsClaimedOnlyIfItsSendCannotSpillIntoPeakHours(string at, int sent, string? nextRun)
    {
        Time.SetUtcNow(Utc(at));
        var ids = await SeedActiveAsync(Time.GetUtcNow().AddDays(-3));
        await using (var db = await Database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.DataRequests.Add(Refresh(ids[0], Time.GetUtcNow().AddHours(-1), RequestStatus.Pending));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var result = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);

        Assert.Equal(sent, result.Sent);
        if (nextRun is not null)
        {
            Assert.Equal(Utc(nextRun), result.NextRunAt); // not now again: a dispatcher would spin until 06:00
        }
    }

    [Theory]
    [InlineData("2025-11-27T06:00:00", RequestKind.Refresh)] // 22:00 PST: a night's refreshes waiting
    [InlineData("2025-11-26T18:00:00", RequestKind.Backfill)] // 10:00 PST: other new links' history waiting
    public async Task ANewLinksVerify_IsClaimedAheadOfALargeBacklog_DayOrNight(string at, RequestKind backlogKind)
    {
        Time.SetUtcNow(Utc(at));
        var now = Time.GetUtcNow();
        var ids = await SeedActiveAsync([.. Enumerable.Range(0, 1_000).Select(i => now.AddDays(-3))]);
        await using (var db = await Database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.DataRequests.AddRange(ids.Select(id => backlogKind == RequestKind.Refresh
                ? Refresh(id, now.AddHours(-4), RequestStatus.Pending)
                : new PlannedWindow(RequestKind.Backfill, now.AddDays(-190), now.AddDays(-8), RequestPriorities.Backfill).ToRequest(id, now)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var busy = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken); // the window's 6, all from the backlog
        var customer = await Database.AddUserAsync("new@example.com");
        var linked = await Pipeline.Links.LinkAsync(customer, "1000000001", "1234", TestContext.Current.CancellationToken);
        Time.SetUtcNow(busy.NextRunAt!.Value);
        var next = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);

        Assert.Equal(6, busy.Sent);
        Assert.Equal(LinkResultKind.Created, linked.Kind);
        var verify = Utility.Sent.Skip(6).First();
        var verifyRequest = (await Pipeline.RequestsAsync(linked.LinkId!.Value)).Single(r => r.Kind == RequestKind.Verify);
        Assert.Equal(verifyRequest.RequestId.ToString(), verify.Submission.RequestId);
        Assert.True(verify.At - now <= TimeSpan.FromMinutes(1.1), $"Verify sent {verify.At - now} after linking");
        Assert.Equal(6, next.Sent);
    }

    [Theory]
    [InlineData(0.1, 6)] // 10 windows of 6 = 60 sends at night: 6 for new links
    [InlineData(0.25, 15)]
    [InlineData(0.5, 30)]
    public async Task AtNight_NewLinksBackfillGetsItsShare_RefreshesTheRest(double share, int expectedBackfills)
    {
        UsePipeline(new DispatchOptions { OffPeakNewLinkShare = share });
        Time.SetUtcNow(Utc("2025-11-27T06:00:00")); // 22:00 PST
        var now = Time.GetUtcNow();
        var refreshLinks = await SeedActiveAsync([.. Enumerable.Range(0, 100).Select(_ => now.AddDays(-3))]);
        var newLinks = await SeedActiveAsync([.. Enumerable.Range(0, 100).Select(_ => now.AddDays(-3))]);
        await using (var db = await Database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.DataRequests.AddRange(refreshLinks.Select(id => Refresh(id, now, RequestStatus.Pending)));
            db.DataRequests.AddRange(newLinks.Select(id => new PlannedWindow(RequestKind.Backfill, now.AddDays(-190), now.AddDays(-8),
                RequestPriorities.Backfill).ToRequest(id, now)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await RunDispatchUntilAsync(now.AddMinutes(10));

        var kinds = await KindsAsync();
        var sent = Utility.Sent.Select(s => kinds[Guid.Parse(s.Submission.RequestId)]).ToList();
        Assert.Equal(60, sent.Count);
        Assert.Equal(expectedBackfills, sent.Count(k => k == RequestKind.Backfill));
    }

    private static DataRequest Refresh(int linkId, DateTimeOffset at, RequestStatus status)
    {
        var request = new PlannedWindow(RequestKind.Refresh, at.AddDays(-4), at, RequestPriorities.Refresh).ToRequest(linkId, at);
        request.Status = status;
        return request;
    }

    private async Task<Dictionary<Guid, RequestKind>> KindsAsync()
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        return await db.DataRequests.ToDictionaryAsync(r => r.RequestId, r => r.Kind);
    }
}
