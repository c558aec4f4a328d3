using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Requests;

/// <summary>
/// A dispatcher that dies anywhere strands nothing: what it claimed and never sent goes back at once with its
/// slot, what it may have sent waits for its callback (matched by request id) before it is sent again.
/// </summary>
public sealed class CrashSafetyTests() : PipelineTest
{
    private const string DeadDispatcher = "elsewhere/4242/0123456789ab";

    [Fact]
    public async Task Claimed_by_a_dispatcher_that_died_before_sending_it_goes_back_at_once_with_its_slot()
    {
        var ct = TestContext.Current.CancellationToken;
        var verify = (await Pipeline.RequestsAsync(await LinkAsync("4820183311")))[0];
        await ClaimAsDeadDispatcherAsync(verify.Id, sendStarted: false);

        // Its dispatcher still beats: the claim is left alone (the request Pending, not Submitted), and the link's
        // other requests wait for it, one in flight per link.
        var first = await Pipeline.Dispatcher.DispatchAsync(ct);
        Assert.Equal(0, first.Sent);
        var claimed = await RequestAsync(verify.Id);
        Assert.Equal((RequestStatus.Pending, DeadDispatcher), (claimed.Status, claimed.ClaimedBy));
        Assert.DoesNotContain(Utility.Sent, s => s.Submission.RequestId == verify.RequestId.ToString());

        Time.Advance(TimeSpan.FromSeconds(new DispatchOptions().DispatcherDeadAfterSeconds + 1));
        var second = await Pipeline.Dispatcher.DispatchAsync(ct);

        Assert.Equal(4, second.Sent);
        Assert.Single(Utility.Sent, s => s.Submission.RequestId == verify.RequestId.ToString());
        var sent = await RequestAsync(verify.Id);
        Assert.Equal((RequestStatus.Submitted, 1, null), (sent.Status, sent.Attempts, sent.ClaimedBy));
        var budget = await Pipeline.Budget.GetStatusAsync(Time.GetUtcNow().AddHours(-1), ct);
        Assert.Equal((1, 4), (budget.ReturnedSince, budget.UsedSince)); // the dead claim's slot is counted, not used
    }

    [Fact]
    public async Task Sent_by_a_dispatcher_that_died_mid_post_waits_for_its_callback_and_is_never_sent_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        var verify = (await Pipeline.RequestsAsync(await LinkAsync("4820183311")))[0];
        await ClaimAsDeadDispatcherAsync(verify.Id, sendStarted: true);

        Time.Advance(TimeSpan.FromSeconds(30));
        await Pipeline.Dispatcher.DispatchAsync(ct);
        var waiting = await RequestAsync(verify.Id);
        Assert.Equal((RequestStatus.Pending, DeadDispatcher), (waiting.Status, waiting.ClaimedBy));
        Assert.Equal(ReasonCode.AwaitingCallback, waiting.OutcomeReason);

        // The utility had it: its callback carries the request id and completes it.
        await Pipeline.Outcomes.CompleteAsync(verify.Id, new RequestCompletion(verify.WindowEnd, 672), ct);
        Time.Advance(TimeSpan.FromSeconds(new DispatchOptions().UnconfirmedSendTimeoutSeconds + 1));
        await Pipeline.Dispatcher.DispatchAsync(ct);

        Assert.DoesNotContain(Utility.Sent, s => s.Submission.RequestId == verify.RequestId.ToString());
        var done = await RequestAsync(verify.Id);
        Assert.Equal((RequestStatus.Complete, null), (done.Status, done.ClaimedBy));
    }

    [Fact]
    public async Task Sent_by_a_dispatcher_that_died_mid_post_without_a_callback_is_sent_again_with_the_same_request_id()
    {
        var ct = TestContext.Current.CancellationToken;
        var verify = (await Pipeline.RequestsAsync(await LinkAsync("4820183311")))[0];
        await ClaimAsDeadDispatcherAsync(verify.Id, sendStarted: true);

        Time.Advance(TimeSpan.FromSeconds(new DispatchOptions().UnconfirmedSendTimeoutSeconds - 10));
        await Pipeline.Dispatcher.DispatchAsync(ct);
        Assert.DoesNotContain(Utility.Sent, s => s.Submission.RequestId == verify.RequestId.ToString());

        Time.Advance(TimeSpan.FromSeconds(11));
        await Pipeline.Dispatcher.DispatchAsync(ct);

        Assert.Single(Utility.Sent, s => s.Submission.RequestId == verify.RequestId.ToString());
        var resent = await RequestAsync(verify.Id);
        Assert.Equal((RequestStatus.Submitted, verify.RequestId, 2), (resent.Status, resent.RequestId, resent.Attempts));
    }

    [Fact]
    public async Task A_lone_503_takes_only_its_own_slot_and_the_run_goes_on_with_the_rest()
    {
        var ct = TestContext.Current.CancellationToken;
        await LinkAsync("4820183311");
        await LinkAsync("4820183312");
        Utility.Answer("4820183311", new UtilityOutcome(UtilityOutcomeKind.Unavailable, RetryAfter: TimeSpan.FromSeconds(1)));

        var result = await Pipeline.Dispatcher.DispatchAsync(ct);

        Assert.Equal(6, result.Sent); // the whole window's budget: the 503 and five more
        await using var db = await Database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(5, await db.DataRequests.CountAsync(r => r.Status == RequestStatus.Submitted, ct));
        Assert.Null((await db.DispatchControl.SingleAsync(ct)).HoldUntil);
        var busy = await db.DataRequests.SingleAsync(r => r.OutcomeReason == ReasonCode.UtilityBusy, ct);
        Assert.True(busy.NotBefore > Time.GetUtcNow(), "the 503'd request waits for its backoff");
    }

    [Fact]
    public async Task Several_503s_in_a_row_are_an_outage_and_hold_all_dispatch()
    {
        var ct = TestContext.Current.CancellationToken;
        await LinkAsync("4820183311");
        var busy = new UtilityOutcome(UtilityOutcomeKind.Unavailable, RetryAfter: TimeSpan.FromSeconds(30));
        Utility.Answer("4820183311", busy, busy, busy);

        var result = await Pipeline.Dispatcher.DispatchAsync(ct);

        Assert.Equal(new DispatchOptions().UnavailableBeforeHold, result.Sent);
        Assert.Equal(Time.GetUtcNow().AddSeconds(30), result.NextRunAt);
    }

    private async Task<int> LinkAsync(string serviceId) =>
        (await Pipeline.Links.LinkAsync(Owner, serviceId, "1234", TestContext.Current.CancellationToken)).LinkId!.Value;

    private async Task<DataRequest> RequestAsync(int id)
    {
        await using var db = await Database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.DataRequests.AsNoTracking().SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken);
    }

    // What another process's dispatcher does before it is killed: beat, take a slot and claim (and maybe begin the POST).
    private async Task ClaimAsDeadDispatcherAsync(int requestId, bool sendStarted)
    {
        var ct = TestContext.Current.CancellationToken;
        var now = Time.GetUtcNow();
        await using (var db = await Database.Factory.CreateDbContextAsync(ct))
        {
            db.Dispatchers.Add(new DispatcherRow { Id = DeadDispatcher, StartedAt = now, HeartbeatAt = now });
            await db.SaveChangesAsync(ct);
        }

        var take = await Pipeline.Budget.TryTakeAsync(1, async (db, at, _, token) =>
        {
            var request = await db.DataRequests.SingleAsync(r => r.Id == requestId, token);
            (request.ClaimedBy, request.ClaimedAt, request.SendStartedAt) = (DeadDispatcher, at, sendStarted ? at : null);
            request.Attempts++;
            return [request];
        }, ct);
        Assert.Equal(BudgetTakeKind.Taken, take.Kind);
    }
}
