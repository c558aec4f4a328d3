using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Requests;

/// <summary>The protocol's table of answers, applied through dispatch and the callback side.</summary>
public sealed class OutcomeTests() : PipelineTest
{
    private const string ServiceId = "4820183311";

    [Fact]
    public async Task PinMismatch_OnANewLinksVerify_PinNotAccepted_AndEverythingWaitsForANewPin()
    {
        Utility.Answer(ServiceId, new UtilityOutcome(UtilityOutcomeKind.PinRejected, Message: "PIN does not match Service ID"));
        var linkId = await LinkAsync();

        var result = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Sent);
        var link = await Pipeline.LinkAsync(linkId);
        Assert.Equal((LinkStatus.PinNotAccepted, ReasonCode.PinNotAccepted, "PIN does not match Service ID"),
            (link.Status, link.StatusReason, link.UtilityMessage));
        Assert.All(await Pipeline.RequestsAsync(linkId), r => Assert.Equal(RequestStatus.Paused, r.Status));

        var update = await Pipeline.Links.UpdatePinAsync(Owner, linkId, "4321", TestContext.Current.CancellationToken);
        var afterPin = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);

        Assert.Equal(LinkResultKind.Updated, update.Kind);
        Assert.Equal(4, afterPin.Sent);
        Assert.Equal("4321", Utility.Sent.Last().Submission.Pin);
        Assert.All(await Pipeline.RequestsAsync(linkId), r => Assert.Equal(RequestStatus.Submitted, r.Status));
    }

    [Fact]
    public async Task PinThatCannotBeDecrypted_IsNeverSent_AndTheCustomerIsAskedForIt_NotTheUtility()
    {
        var linkId = await LinkAsync();
        await using (var db = await Database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            // What a lost Data Protection key ring looks like: text that no key can open.
            await db.ServiceLinks.Where(l => l.Id == linkId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ProtectedPin, "CfDJ8-not-a-payload"), TestContext.Current.CancellationToken);
        }

        await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);

        Assert.Empty(Utility.Sent);
        var link = await Pipeline.LinkAsync(linkId);
        Assert.Equal((LinkStatus.PinNotAccepted, ReasonCode.PinUnreadable, null), (link.Status, link.StatusReason, link.UtilityMessage));
        var requests = await Pipeline.RequestsAsync(linkId);
        Assert.All(requests, r => Assert.Equal(RequestStatus.Paused, r.Status));
        Assert.All(requests, r => Assert.Null(r.UtilityMessage));

        await Pipeline.Links.UpdatePinAsync(Owner, linkId, "4321", TestContext.Current.CancellationToken);
        await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);

        Assert.Equal(4, Utility.Sent.Count);
        Assert.Equal("4321", Assert.Single(Utility.Sent.Select(s => s.Submission.Pin).Distinct()));
    }

    [Fact]
    public async Task LinkWhosePinWasDeleted_IsNeverClaimed_WhileAnotherLinksRequestsGo()
    {
        var cleared = await LinkAsync();
        var other = (await Pipeline.Links.LinkAsync(Owner, "4820183312", "5678", TestContext.Current.CancellationToken)).LinkId!.Value;
        await using (var db = await Database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            // As an unlink or a refusal leaves it, seen by a dispatcher before the link's own status moved.
            await db.ServiceLinks.Where(l => l.Id == cleared)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ProtectedPin, (string?)null), TestContext.Current.CancellationToken);
        }

        var result = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);

        Assert.Equal(4, result.Sent);
        Assert.All(Utility.Sent, s => Assert.Equal("4820183312", s.Submission.ServiceId));
        Assert.All(await Pipeline.RequestsAsync(other), r => Assert.Equal(RequestStatus.Submitted, r.Status));
        var untouched = await Pipeline.RequestsAsync(cleared);
        Assert.All(untouched, r => Assert.Equal((RequestStatus.Pending, null, 0), (r.Status, r.ClaimedBy, r.Attempts)));
        Assert.Equal(LinkStatus.Pending, (await Pipeline.LinkAsync(cleared)).Status);
        await using var check = await Database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var claimIds = untouched.Select(r => (int?)r.Id).ToList();
        Assert.False(await check.RateSlots.AnyAsync(s => claimIds.Contains(s.DataRequestId), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PinMismatch_AfterTheLinkWorked_AccessRevoked_AndPendingRequestsPaused()
    {
        var linkId = await LinkAsync();
        var verify = (await Pipeline.RequestsAsync(linkId))[0];
        await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
        await Pipeline.Outcomes.CompleteAsync(verify.Id, new RequestCompletion(verify.WindowEnd, 672), TestContext.Current.CancellationToken);
        Assert.Equal(LinkStatus.Active, (await Pipeline.LinkAsync(linkId)).Status);
        var backfill = (await Pipeline.RequestsAsync(linkId))[1];

        var changed = await Pipeline.Outcomes.ApplyStatusCallbackAsync(backfill.Id, "PinMismatch", "PIN deleted", TestContext.Current.CancellationToken);

        Assert.True(changed);
        var link = await Pipeline.LinkAsync(linkId);
        Assert.Equal(LinkStatus.AccessRevoked, link.Status);
        Assert.Equal(
            [RequestStatus.Complete, RequestStatus.Paused, RequestStatus.Submitted, RequestStatus.Submitted],
            (await Pipeline.RequestsAsync(linkId)).Select(r => r.Status));
        Assert.Equal((verify.WindowStart, verify.WindowEnd), (link.CoveredFrom, link.CoveredTo));
    }

    [Theory]
    [InlineData(UtilityOutcomeKind.ServiceInactive, LinkStatus.Inactive)]
    [InlineData(UtilityOutcomeKind.UnknownServiceId, LinkStatus.Rejected)]
    public async Task ServiceRefused_LinkChanges_RequestFails_AndTheRestIsCancelled(UtilityOutcomeKind answer, LinkStatus expected)
    {
        Utility.Answer(ServiceId, new UtilityOutcome(answer));
        var linkId = await LinkAsync();

        var result = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);

        Assert.Equal((1, expected), (result.Sent, (await Pipeline.LinkAsync(linkId)).Status));
        Assert.Equal(
            [RequestStatus.Failed, RequestStatus.Cancelled, RequestStatus.Cancelled, RequestStatus.Cancelled],
            (await Pipeline.RequestsAsync(linkId)).Select(r => r.Status));
        Assert.Single(Utility.Sent);
    }

    [Fact]
    public async Task RateLimited_BacksOffPerRetryAfter_ThenSendsAgain()
    {
        Utility.Answer(ServiceId, new UtilityOutcome(UtilityOutcomeKind.RateLimited, RetryAfter: TimeSpan.FromSeconds(30)));
        var linkId = await LinkAsync();
        var start = Time.GetUtcNow();

        var held = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
        var stillHeld = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
        Time.SetUtcNow(held.NextRunAt!.Value);
        var resumed = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);

        Assert.Equal((1, start.AddSeconds(30)), (held.Sent, held.NextRunAt));
        Assert.Equal(0, stillHeld.Sent);
        Assert.Equal(4, resumed.Sent);
        Assert.Equal(2, (await Pipeline.RequestsAsync(linkId))[0].Attempts);
    }

    [Fact]
    public async Task CertificateRefused_PausesDispatchWithAnAlert_UntilStaffResume()
    {
        Utility.Answer(ServiceId, new UtilityOutcome(UtilityOutcomeKind.CertificateRefused));
        var linkId = await LinkAsync();

        var first = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
        var whilePaused = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
        var control = await Pipeline.Control.GetAsync(TestContext.Current.CancellationToken);
        var woken = 0;
        Pipeline.Control.Resumed += () => woken++; // the portal runs dispatch now on this, not at the next minute
        await Pipeline.Control.ResumeAsync(TestContext.Current.CancellationToken);
        var resumed = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, woken);
        Assert.Equal(1, first.Sent);
        Assert.NotNull(first.Halted);
        Assert.Equal((0, true), (whilePaused.Sent, whilePaused.Halted is not null));
        Assert.True(control.Paused);
        Assert.Equal((DispatchReason.CertificateRefused, DispatchReason.CertificateRefused), (control.PauseReason, control.AlertReason));
        Assert.Equal(DispatchReason.CertificateRefused, first.Halted);
        Assert.Equal("The utility refused our client certificate. Dispatch is paused.", StatusSentences.Alert(control));
        Assert.Equal(4, resumed.Sent);
        Assert.Equal(1, (await Pipeline.RequestsAsync(linkId))[0].Attempts);
    }

    [Fact]
    public async Task ConnectionsDroppedThreeTimesInARow_AreTakenForARefusedCertificate_DispatchPausesWithAnAlert()
    {
        var dropped = new UtilityOutcome(UtilityOutcomeKind.ConnectionDropped, Message: "closed");
        Utility.Answer(ServiceId, dropped, dropped, dropped);
        await LinkAsync();

        var paused = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
            paused.Add((await Pipeline.Control.GetAsync(TestContext.Current.CancellationToken)).Paused);
            Time.Advance(TimeSpan.FromHours(2)); // past the hold a drop puts on dispatch
        }

        Assert.Equal([false, false, true], paused);
        Assert.Equal(3, Utility.Sent.Count);
        var control = await Pipeline.Control.GetAsync(TestContext.Current.CancellationToken);
        Assert.Equal((DispatchReason.ConnectionsDropped, DispatchReason.ConnectionsDropped, 3), (control.PauseReason, control.AlertReason, control.AlertCount));
        Assert.Contains("without an answer 3 times in a row", StatusSentences.Alert(control), StringComparison.Ordinal);
        Assert.Null(control.AlertUtilityMessage); // "closed" came from no utility body: nothing is said in its name
    }

    [Fact]
    public async Task ConnectionDrops_WithAnAnswerBetween_AreRetriedWithoutPausing()
    {
        var dropped = new UtilityOutcome(UtilityOutcomeKind.ConnectionDropped, Message: "closed");
        var busy = new UtilityOutcome(UtilityOutcomeKind.RateLimited, RetryAfter: TimeSpan.FromMinutes(1));
        Utility.Answer(ServiceId, dropped, dropped, busy, dropped, dropped);
        var linkId = await LinkAsync();

        for (var i = 0; i < 8; i++)
        {
            await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
            Time.Advance(TimeSpan.FromHours(2));
        }

        Assert.False((await Pipeline.Control.GetAsync(TestContext.Current.CancellationToken)).Paused);
        Assert.All(await Pipeline.RequestsAsync(linkId), r => Assert.Equal(RequestStatus.Submitted, r.Status));
    }

    [Fact]
    public async Task CompleteAsync_Twice_TheDuplicateChangesNothing()
    {
        var linkId = await LinkAsync();
        await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
        var verify = (await Pipeline.RequestsAsync(linkId))[0];
        var completion = new RequestCompletion(verify.WindowEnd, 672, 10);

        var first = await Pipeline.Outcomes.CompleteAsync(verify.Id, completion, TestContext.Current.CancellationToken);
        var completedAt = (await Pipeline.RequestsAsync(linkId))[0].CompletedAt;
        Time.Advance(TimeSpan.FromHours(1));
        var duplicate = await Pipeline.Outcomes.CompleteAsync(verify.Id, completion, TestContext.Current.CancellationToken);

        Assert.Equal((true, false), (first, duplicate));
        var request = (await Pipeline.RequestsAsync(linkId))[0];
        Assert.Equal((RequestStatus.Complete, completedAt, 672, 10), (request.Status, request.CompletedAt, request.ReadingsStored, request.ReadingsSkipped));
        Assert.Equal(verify.WindowEnd, (await Pipeline.LinkAsync(linkId)).LastCompleteReadingAt);
    }

    [Fact]
    public async Task Refresh_DuringPeak_WaitsForSixPmPacific()
    {
        var linkId = await LinkAsync();
        await using (var db = await Database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.DataRequests.Where(r => r.LinkId == linkId).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
            await db.ServiceLinks.ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, LinkStatus.Active)
                .SetProperty(l => l.LastCompleteReadingAt, Time.GetUtcNow().AddDays(-1)), TestContext.Current.CancellationToken);
        }

        await Pipeline.Planner.PlanRefreshesAsync(TestContext.Current.CancellationToken);
        var atTenAm = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
        Time.SetUtcNow(atTenAm.NextRunAt!.Value);
        var atSixPm = await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);

        // 18:00Z is 10:00 PST; 6 pm PST is 02:00Z the next day.
        Assert.Equal((0, DateTimeOffset.Parse("2025-11-27T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), (atTenAm.Sent, atTenAm.NextRunAt));
        Assert.Equal(1, atSixPm.Sent);
    }

    [Fact]
    public async Task Watchdog_ResubmitsWithBackoff_ThenFails_AndStaffCanRetry()
    {
        var linkId = await LinkAsync();
        var options = new DispatchOptions();
        await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
        var verifyId = (await Pipeline.RequestsAsync(linkId))[0].Id;

        var early = await Pipeline.Watchdog.RunAsync(TestContext.Current.CancellationToken);
        var outcomes = new List<WatchdogResult>();
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
            outcomes.Add(await Pipeline.Watchdog.RunAsync(TestContext.Current.CancellationToken));
            Time.Advance(options.Backoff(attempt));
            await Pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
        }

        var failed = (await Pipeline.RequestsAsync(linkId))[0];
        var retried = await Pipeline.Control.RetryRequestAsync(verifyId, TestContext.Current.CancellationToken);

        Assert.Equal(new WatchdogResult(0, 0), early);
        Assert.Equal([new(4, 0), new(4, 0), new(4, 0), new(0, 4)], outcomes);
        Assert.Equal((RequestStatus.Failed, 4), (failed.Status, failed.Attempts));
        Assert.Equal(ReasonCode.TimeoutGaveUp, failed.OutcomeReason);
        Assert.True(retried);
        Assert.Equal((RequestStatus.Pending, 0), ((await Pipeline.RequestsAsync(linkId))[0].Status, (await Pipeline.RequestsAsync(linkId))[0].Attempts));
        Assert.Equal(4 * 4, Utility.Sent.Count);
    }

    private async Task<int> LinkAsync()
    {
        var result = await Pipeline.Links.LinkAsync(Owner, ServiceId, "1234", TestContext.Current.CancellationToken);
        return result.LinkId!.Value;
    }
}
