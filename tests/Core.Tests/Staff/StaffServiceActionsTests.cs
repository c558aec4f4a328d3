using GbcPortal.Core.Audit;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Staff;
using GbcPortal.Core.Usage;
using GbcPortal.Core.Tests.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Tests.Staff;

/// <summary>Asking for a window again: one request through the planner and the queue, within the protocol's 185 days.</summary>
public sealed class StaffServiceActionsTests : PipelineTest
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private StaffServiceActions Actions => new(Database.Factory, Pipeline.Control, Pipeline.Planner, Pipeline.Notifier,
        new AuditLog(Database.Factory, Time, Options.Create(new AuditOptions())), Time, Options.Create(new PlanningOptions()),
        Options.Create(new UtilityTimeZoneOptions()));

    [Fact]
    public async Task AWindow_BecomesOnePendingBackfill_FromLocalMidnightToTheMidnightAfterTo_Audited_AndWakesDispatch()
    {
        var linkId = await LinkAsync(LinkStatus.Active);
        var changes = new List<RequestStatusChange>();
        Pipeline.Notifier.Changed += changes.Add;

        var result = await Actions.RequestWindowAsync(linkId, new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 3), "staff-1", "203.0.113.9", Ct);

        Assert.True(result.Done, result.Message);
        await using var db = await Database.Factory.CreateDbContextAsync(Ct);
        var request = await db.DataRequests.SingleAsync(r => r.Id == result.RequestId, Ct);
        Assert.Equal((RequestKind.Backfill, RequestStatus.Pending, RequestPriorities.Backfill), (request.Kind, request.Status, request.Priority));
        Assert.Equal(DateTimeOffset.Parse("2025-11-01T07:00:00Z"), request.WindowStart); // PDT
        Assert.Equal(DateTimeOffset.Parse("2025-11-04T08:00:00Z"), request.WindowEnd); // PST: the 2nd had 25 hours
        Assert.Contains(changes, c => c.LinkId == linkId && c.DataRequestId == request.Id);
        var audit = await db.AuditEvents.SingleAsync(Ct);
        Assert.Equal((AuditAction.WindowRequested, "staff-1", "1000000001", "203.0.113.9"), (audit.Action, audit.ActorUserId, audit.ServiceId, audit.Ip));

        // And the dispatcher sends it like any other request.
        await Pipeline.Dispatcher.DispatchAsync(Ct);
        Assert.Contains(Utility.Sent, s => s.Submission.RequestId == request.RequestId.ToString());
    }

    [Fact]
    public async Task ExactlyTheUtilitysLimit_IsAccepted_ADayMore_IsRefusedWithTheReason_AndNothingIsQueued()
    {
        var linkId = await LinkAsync(LinkStatus.Active);
        // 30 April to 31 October: 185 local days, all in PDT (the clock is 26 Nov 2025).
        var ok = await Actions.RequestWindowAsync(linkId, new DateOnly(2025, 4, 30), new DateOnly(2025, 10, 31), "s", null, Ct);
        var tooLong = await Actions.RequestWindowAsync(linkId, new DateOnly(2025, 4, 29), new DateOnly(2025, 10, 31), "s", null, Ct);

        Assert.True(ok.Done, ok.Message);
        Assert.Equal((false, "The window is 186 days; the utility accepts at most 185 days (15,984,000 seconds) a request. Ask for it in parts."),
            (tooLong.Done, tooLong.Message));
        await using var db = await Database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.DataRequests.CountAsync(Ct));
    }

    [Theory]
    [InlineData("2025-11-27", "2025-11-27", "cannot end after today")]
    [InlineData("2025-11-10", "2025-11-09", "ends before it starts")]
    public async Task Windows_TheUtilityWouldRefuse_AreRefusedHere(string from, string to, string reason)
    {
        var linkId = await LinkAsync(LinkStatus.Active);

        var result = await Actions.RequestWindowAsync(linkId, DateOnly.Parse(from), DateOnly.Parse(to), "s", null, Ct);

        Assert.False(result.Done);
        Assert.Contains(reason, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinkThatIsNotSentFor_GetsNoWindow()
    {
        var linkId = await LinkAsync(LinkStatus.Unlinked);

        var result = await Actions.RequestWindowAsync(linkId, new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 2), "s", null, Ct);

        Assert.Equal((false, "Service ID 1000000001 is Unlinked: requests are sent only for Pending or Active links."), (result.Done, result.Message));
    }

    [Fact]
    public async Task Retry_OnlyForARequestOfThisService_AndAudited()
    {
        var linkId = await LinkAsync(LinkStatus.Active);
        var otherId = await LinkAsync(LinkStatus.Active, "1000000002");
        int failedId;
        await using (var db = await Database.Factory.CreateDbContextAsync(Ct))
        {
            var now = Time.GetUtcNow();
            var failed = new PlannedWindow(RequestKind.Backfill, now.AddDays(-10), now.AddDays(-5), 100).ToRequest(linkId, now);
            failed.MoveTo(RequestStatus.Failed, now, ReasonCode.TimeoutGaveUp);
            db.DataRequests.Add(failed);
            await db.SaveChangesAsync(Ct);
            failedId = failed.Id;
        }

        var wrongService = await Actions.RetryAsync(otherId, failedId, "s", null, Ct);
        var retried = await Actions.RetryAsync(linkId, failedId, "s", null, Ct);
        var again = await Actions.RetryAsync(linkId, failedId, "s", null, Ct);

        Assert.False(wrongService.Done);
        Assert.True(retried.Done, retried.Message);
        Assert.False(again.Done); // Pending now: nothing to retry
        await using var check = await Database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(RequestStatus.Pending, (await check.DataRequests.SingleAsync(r => r.Id == failedId, Ct)).Status);
        Assert.Equal(AuditAction.RequestRetried, (await check.AuditEvents.SingleAsync(Ct)).Action);
    }

    private async Task<int> LinkAsync(LinkStatus status, string serviceId = "1000000001")
    {
        await using var db = await Database.Factory.CreateDbContextAsync(Ct);
        var now = Time.GetUtcNow();
        var link = new ServiceLink
        {
            OwnerId = Owner,
            ServiceId = serviceId,
            Status = status,
            CreatedAt = now,
            StatusChangedAt = now,
            ProtectedPin = Pipeline.Pins.Protect("1234"),
        };
        db.ServiceLinks.Add(link);
        await db.SaveChangesAsync(Ct);
        return link.Id;
    }
}
