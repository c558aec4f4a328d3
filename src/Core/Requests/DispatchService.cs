using GbcPortal.Core.Gbc;
using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// Sends Pending requests in priority order (Verify, Backfill, Refresh; Refresh only off-peak) as fast
/// as the global budget allows, then says when to run again, so a waiting job is a reschedule and
/// never a sleeping worker. Safe with any number of concurrent runs in any number of processes, and
/// with any of them dying anywhere: each request is claimed with its slot (one at a time), marked just
/// before its POST and recorded as soon as it is answered, and <see cref="ClaimRecovery"/> puts back
/// what a dead run claimed.
/// </summary>
public sealed class DispatchService(
    IDbContextFactory<PortalDbContext> dbFactory,
    RateBudget budget,
    OffPeakWindow offPeak,
    IUtilityClient client,
    PinProtector pins,
    RequestOutcomes outcomes,
    ConnectionDrops drops,
    DispatcherIdentity self,
    DispatcherHeartbeat heartbeat,
    ClaimRecovery recovery,
    RequestStatusNotifier notifier,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<DispatchService> logger)
{
    // Waiting requests read per claim at the first priority, to choose the account whose turn it is.
    private const int FairPool = 500;

    // Off-peak, the new links' share is judged on the sends of at most this many windows back.
    private const int ShareLookbackWindows = 60;

    private readonly DispatchOptions settings = options.Value;

    public async Task<DispatchResult> DispatchAsync(CancellationToken cancellationToken = default)
    {
        if (await HaltedAsync(cancellationToken) is { } halted)
        {
            return halted;
        }

        // Beat before claiming, so no other instance takes a claim of ours for a dead process's.
        await heartbeat.BeatAsync(cancellationToken);
        await recovery.RecoverAsync(cancellationToken);

        // A few lanes send side by side, so a freshly free budget is used in a moment even when each send waits on
        // the database and a TLS handshake; each lane still claims and sends one request at a time.
        // The other lanes open only once the first answer of the run is a 202: a 429, a 503 or a refused certificate
        // stops the run after one send, as it would with one lane.
        var sent = 0;
        var widen = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        int CountSend() => Interlocked.Increment(ref sent);
        async Task<DispatchResult?> FirstLaneAsync() => await RunLaneAsync(CountSend, widen, cancellationToken);
        async Task<DispatchResult?> LaterLaneAsync() => await widen.Task ? await RunLaneAsync(CountSend, null, cancellationToken) : null;
        var lanes = (await Task.WhenAll(Enumerable.Range(1, settings.ParallelSends - 1).Select(_ => LaterLaneAsync())
            .Prepend(FirstLaneAsync()))).OfType<DispatchResult>().ToList();
        var stopped = lanes.FirstOrDefault(l => l.Halted is not null) ?? lanes.MinBy(l => l.NextRunAt ?? DateTimeOffset.MaxValue)!;
        return stopped with { Sent = sent };
    }

    private async Task<DispatchResult> RunLaneAsync(Func<int> countSend, TaskCompletionSource<bool>? widen, CancellationToken cancellationToken)
    {
        try
        {
            return await RunLaneLoopAsync(countSend, widen, cancellationToken);
        }
        finally
        {
            widen?.TrySetResult(false);
        }
    }

    private async Task<DispatchResult> RunLaneLoopAsync(Func<int> countSend, TaskCompletionSource<bool>? widen, CancellationToken cancellationToken)
    {
        while (true)
        {
            int? claimed = null;
            BudgetTake<DataRequest> take;
            try
            {
                // One at a time: a process that dies strands at most the requests its lanes were sending.
                take = await budget.TryTakeAsync<DataRequest>(1, async (db, now, count, ct) =>
                {
                    var requests = await ClaimNextAsync(db, now, count, ct);
                    claimed = requests.Count > 0 ? requests[0].Id : null;
                    return requests;
                }, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                Forget(claimed);
                continue; // someone changed a request between our read and our claim: pick again
            }
            catch
            {
                Forget(claimed); // if the claim was committed after all, this process's recovery puts it back
                throw;
            }

            switch (take.Kind)
            {
                case BudgetTakeKind.Exhausted:
                    Forget(claimed);
                    return new DispatchResult(0, take.NextFreeAt);
                case BudgetTakeKind.NoWork:
                    Forget(claimed);
                    return new DispatchResult(0, await DispatchQueue.NextDueAsync(dbFactory, offPeak, take.At, ClaimMargin, cancellationToken));
            }

            var request = take.Items[0];
            try
            {
                var outcome = await SendClaimedAsync(request, cancellationToken);
                widen?.TrySetResult(outcome?.Kind == UtilityOutcomeKind.Accepted);
                if (outcome is not null && countSend() >= settings.MaxSendsPerRun)
                {
                    return new DispatchResult(0, time.GetUtcNow());
                }
            }
            finally
            {
                self.Done(request.Id);
            }

            // The answer paused or held dispatch (429, a run of 503s, certificate): stop here.
            if (await HaltedAsync(cancellationToken) is { } halt)
            {
                return halt;
            }
        }
    }

    // Runs inside the budget's locked transaction: no other dispatcher can claim the same request.
    private async Task<IReadOnlyList<DataRequest>> ClaimNextAsync(PortalDbContext db, DateTimeOffset now, int count, CancellationToken cancellationToken)
    {
        // One request in flight per link: if the utility refuses it (PIN, inactive), the link's other requests
        // are paused or cancelled before they could be sent. A dead dispatcher's claim holds nobody up.
        var aliveSince = now - TimeSpan.FromSeconds(settings.DispatcherDeadAfterSeconds);
        var candidates = DispatchQueue.Sendable(db, now)
            .Where(r => !db.DataRequests.Any(o => o.LinkId == r.LinkId && o.Status == RequestStatus.Pending && o.ClaimedBy != null
                && db.Dispatchers.Any(d => d.Id == o.ClaimedBy && d.HeartbeatAt > aliveSince)));
        if (RefreshMayLeave(now) && RefreshMayLeave(now + ClaimMargin))
        {
            candidates = await SplitOffPeakAsync(db, candidates, now, cancellationToken);
        }
        else
        {
            // Peak hours, or so near their start that a claim could still be on its way out when they begin.
            candidates = candidates.Where(r => r.Kind != RequestKind.Refresh);
        }

        // Accounts take turns: claiming one at a time, the turn goes to the account, among those waiting at the
        // first priority, that the budget served least lately (oldest request first among equals). A bounded read:
        // accounts hold few requests at one priority (links are capped per account).
        if (await candidates.MinAsync(r => (int?)r.Priority, cancellationToken) is not { } top)
        {
            return [];
        }

        var rows = await candidates.Where(r => r.Priority == top).OrderBy(r => r.Id).Take(FairPool)
            .Select(r => new { r.Id, r.Link!.OwnerId }).ToListAsync(cancellationToken);
        var owners = rows.Select(r => r.OwnerId).Distinct().ToList();
        var since = now - settings.WindowWithMargin * 10;
        var served = await db.RateSlots.Where(s => s.TakenAt > since && s.ReturnedAt == null)
            .Join(db.DataRequests, s => s.DataRequestId, r => (int?)r.Id, (s, r) => r.Link!.OwnerId)
            .Where(owner => owners.Contains(owner))
            .GroupBy(owner => owner).Select(g => new { Owner = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Owner, g => g.Count, cancellationToken);
        var picked = rows.OrderBy(r => served.GetValueOrDefault(r.OwnerId)).Take(count).Select(r => r.Id).ToList();
        var requests = await db.DataRequests.Where(r => picked.Contains(r.Id)).Include(r => r.Link).ToListAsync(cancellationToken);
        foreach (var request in requests)
        {
            // Still Pending: it becomes Submitted only once the utility has it.
            (request.ClaimedBy, request.ClaimedAt, request.SendStartedAt) = (self.Id, now, null);
            request.Attempts++;
            // Counted as in flight before the commit, so this process's own recovery never takes it back.
            self.Sending(request.Id);
        }

        return requests;
    }

    private bool RefreshMayLeave(DateTimeOffset at) => offPeak.IsOffPeak(at);

    // A claim not sent within this long is given back (MarkSending), so a refresh claimed this close to the window's end
    // could still be on its way out after it.
    private TimeSpan ClaimMargin => TimeSpan.FromSeconds(settings.MaxClaimAgeSeconds);

    // Off-peak, new links' work (Verify, Backfill) and refreshes share the budget: new links keep their share
    // (Dispatch:OffPeakNewLinkShare) of tonight's sends so far (at most the last hour's, so a quiet evening does not
    // bank a burst), refreshes get the rest, and either takes a slot the other has no sendable request for. A Verify
    // always goes first: it is the lowest priority number whichever side's turn it is.
    private async Task<IQueryable<DataRequest>> SplitOffPeakAsync(
        PortalDbContext db, IQueryable<DataRequest> candidates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var refreshTurn = candidates.Where(r => r.Kind != RequestKind.Backfill);
        if (!await candidates.AnyAsync(r => r.Kind == RequestKind.Refresh, cancellationToken))
        {
            return candidates; // nothing to split
        }

        var lookback = now - settings.WindowWithMargin * ShareLookbackWindows;
        var opened = offPeak.CurrentOrNext(now).Open;
        var since = opened > lookback ? opened : lookback;
        var sent = await db.RateSlots.Where(s => s.TakenAt >= since && s.ReturnedAt == null)
            .Join(db.DataRequests, s => s.DataRequestId, r => (int?)r.Id, (s, r) => r.Kind)
            .GroupBy(kind => kind == RequestKind.Refresh).Select(g => new { Refresh = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var newLinks = sent.Where(g => !g.Refresh).Sum(g => g.Count);
        var refreshes = sent.Where(g => g.Refresh).Sum(g => g.Count);

        // The new links' turn: the usual order, Verify, Backfill, then Refresh. Else Verify, then Refresh.
        return newLinks < settings.OffPeakNewLinkShare * (newLinks + refreshes + 1) ? candidates : refreshTurn;
    }

    private void Forget(int? claimed)
    {
        if (claimed is { } id)
        {
            self.Done(id);
        }
    }

    /// <summary>Sends one claimed request and records the answer at once. Null when it did not leave.</summary>
    private async Task<UtilityOutcome?> SendClaimedAsync(DataRequest request, CancellationToken cancellationToken)
    {
        var link = request.Link!;
        string pin;
        try
        {
            pin = pins.Unprotect(link.ProtectedPin ?? throw new PinUnavailableException());
        }
        catch (PinUnavailableException)
        {
            logger.LogWarning("The PIN of link {LinkId} cannot be decrypted; asking the customer again", link.Id);
            await outcomes.ApplyPinUnavailableAsync(request.Id, CancellationToken.None);
            await budget.ReturnAsync(request.Id, CancellationToken.None);
            return null;
        }

        if (!await MarkSendingAsync(request, cancellationToken))
        {
            // Recovered by another instance meanwhile (we looked dead to it), held up too long since the claim, or a refresh
            // whose off-peak window closed meanwhile: it never left.
            logger.LogWarning("Request {RequestId} was not sent: its claim was taken back or had grown too old; back in the queue", request.RequestId);
            return null;
        }

        var usageRequest = UsageRequest.ForWindow(request.RequestId.ToString(), link.ServiceId, pin, request.WindowStart, request.WindowEnd);
        UtilityOutcome outcome;
        try
        {
            outcome = await client.SubmitAsync(usageRequest, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-send: put it back; if the utility did get it, its callback still matches the request id.
            await outcomes.ApplySubmitOutcomeAsync(request.Id, new UtilityOutcome(UtilityOutcomeKind.Unavailable,
                RetryAfter: TimeSpan.Zero, HoldsDispatch: false), CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Sending request {RequestId} failed", request.RequestId);
            outcome = new UtilityOutcome(UtilityOutcomeKind.Unavailable, Message: e.GetType().Name);
        }

        // The utility got it no later than now: the slot counts from the answer, whatever the network took.
        await budget.StampAnsweredAsync(request.Id, CancellationToken.None);
        logger.LogInformation("Request {RequestId} ({Kind}) of link {LinkId}: {Outcome}",
            request.RequestId, request.Kind, link.Id, outcome.Kind);
        outcome = Classify(outcome);
        if (outcome.Kind == UtilityOutcomeKind.Accepted)
        {
            await RecordAcceptedAsync(request, outcome.UtilityRequestId);
        }
        else
        {
            await outcomes.ApplySubmitOutcomeAsync(request.Id, outcome, CancellationToken.None);
        }

        return outcome;
    }

    // The claim's last step before the wire, committed on its own: if it is not ours any more (or it is a refresh and
    // peak hours have begun), nothing is sent.
    // The slot is stamped again now, so the window counts from the POST and the margin only has to cover the
    // network, not the time between the claim and the send (a busy machine, a slow query). A claim that waited
    // too long for that (a stalled process) is not sent: it goes back with its slot, so no stamp moves far.
    private async Task<bool> MarkSendingAsync(DataRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimedAfter = now - TimeSpan.FromSeconds(settings.MaxClaimAgeSeconds);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ours = db.DataRequests.Where(r => r.Id == request.Id && r.Status == RequestStatus.Pending && r.ClaimedBy == self.Id && r.SendStartedAt == null);
        // A refresh never leaves in peak hours, however late its claim's send comes (the claim already kept a margin).
        var inTime = request.Kind != RequestKind.Refresh || RefreshMayLeave(now);
        if (inTime && await ours.Where(r => r.ClaimedAt > claimedAfter)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.SendStartedAt, now), cancellationToken) == 1)
        {
            await db.RateSlots.Where(s => s.DataRequestId == request.Id && s.ReturnedAt == null && s.TakenAt == request.ClaimedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.TakenAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }

        var released = await ours.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ClaimedBy, (string?)null)
            .SetProperty(r => r.ClaimedAt, (DateTimeOffset?)null)
            .SetProperty(r => r.Attempts, r => r.Attempts - 1)
            .SetProperty(r => r.Version, r => r.Version + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (released == 1)
        {
            await budget.ReturnAsync(request.Id, cancellationToken);
        }

        return false;
    }

    private UtilityOutcome Classify(UtilityOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case UtilityOutcomeKind.ConnectionDropped:
                return CountDrops(outcome);
            case UtilityOutcomeKind.Unavailable:
                // A lone 503 costs its own slot only; several in a row are an outage and hold everything.
                return drops.RecordUnavailable() < settings.UnavailableBeforeHold ? outcome with { HoldsDispatch = false } : outcome;
            default:
                drops.Reset();
                return outcome;
        }
    }

    private UtilityOutcome CountDrops(UtilityOutcome outcome)
    {
        var inARow = drops.Record();
        if (inARow < settings.DropsBeforePause)
        {
            return outcome;
        }

        drops.Reset();
        logger.LogError("The utility closed the connection without an answer {Count} times in a row; pausing dispatch", inARow);
        return new UtilityOutcome(UtilityOutcomeKind.CertificateRefused, Message:
            $"It closed the connection without an answer {inARow} times in a row: with TLS 1.3 this is how a refused "
            + "client certificate shows (it can also be an outage). Check the portal's client certificate, then resume dispatch.");
    }

    // Recorded the moment it is answered; the guard on Status leaves alone a request that was unlinked (or
    // already completed by a quick callback) while it was in flight.
    private async Task RecordAcceptedAsync(DataRequest request, string? utilityRequestId)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var moved = await db.DataRequests.Where(r => r.Id == request.Id && r.Status == RequestStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RequestStatus.Submitted)
                .SetProperty(r => r.SubmittedAt, now)
                .SetProperty(r => r.StatusChangedAt, now)
                .SetProperty(r => r.OutcomeReason, (ReasonCode?)null)
                .SetProperty(r => r.UtilityMessage, (string?)null)
                .SetProperty(r => r.UtilityRequestId, utilityRequestId)
                .SetProperty(r => r.ClaimedBy, (string?)null)
                .SetProperty(r => r.ClaimedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.SendStartedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.Version, r => r.Version + 1), CancellationToken.None);
        if (moved == 0)
        {
            await db.DataRequests.Where(r => r.Id == request.Id && r.UtilityRequestId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.UtilityRequestId, utilityRequestId), CancellationToken.None);
        }

        notifier.Notify(new RequestStatusChange(request.LinkId, request.Id));
    }

    private async Task<DispatchResult?> HaltedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var control = await db.DispatchControl.AsNoTracking().SingleAsync(cancellationToken);
        if (control.Paused)
        {
            return new DispatchResult(0, null, control.PausedReason ?? "Paused by staff.");
        }

        var now = time.GetUtcNow();
        return control.HoldUntil > now ? new DispatchResult(0, control.HoldUntil) : null;
    }
}
