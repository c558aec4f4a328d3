using GbcPortal.Core.Gbc;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// Sends Pending requests in priority order (Verify, Backfill, Refresh; Refresh only off-peak) as fast
/// as the global budget allows, then says when to run again, so a waiting job is a reschedule and
/// never a sleeping worker. Safe with any number of concurrent runs in any number of processes, and
/// with any of them dying anywhere: each request is claimed with its slot (one at a time,
/// <see cref="DispatchClaims"/>), marked just before its POST and recorded as soon as it is answered
/// (<see cref="DispatchSender"/>, <see cref="SendRecorder"/>), and <see cref="ClaimRecovery"/> puts back
/// what a dead run claimed.
/// </summary>
public sealed class DispatchService(
    IDbContextFactory<PortalDbContext> dbFactory,
    RateBudget budget,
    DispatchClaims claims,
    DispatchSender sender,
    DispatchHalts halts,
    OffPeakWindow offPeak,
    DispatcherIdentity self,
    DispatcherHeartbeat heartbeat,
    ClaimRecovery recovery,
    TimeProvider time,
    IOptions<DispatchOptions> options)
{
    private readonly DispatchOptions settings = options.Value;

    public async Task<DispatchResult> DispatchAsync(CancellationToken cancellationToken = default)
    {
        if (await halts.InForceAsync(cancellationToken) is { } halted)
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
        async Task<LaneEnd?> FirstLaneAsync() => await RunLaneAsync(CountSend, widen, cancellationToken);
        async Task<LaneEnd?> LaterLaneAsync() => await widen.Task ? await RunLaneAsync(CountSend, null, cancellationToken) : null;
        var lanes = (await Task.WhenAll(Enumerable.Range(1, settings.ParallelSends - 1).Select(_ => LaterLaneAsync())
            .Prepend(FirstLaneAsync()))).OfType<LaneEnd>().ToList();
        if (lanes.FirstOrDefault(l => l.Result?.Halted is not null)?.Result is { } halt)
        {
            return halt with { Sent = sent };
        }

        // Lanes that ran out of work share one look at when the next request becomes due.
        var runs = lanes.Where(l => l.Result is not null).Select(l => l.Result!.NextRunAt).ToList();
        if (lanes.Where(l => l.IdleAt is not null).Min(l => l.IdleAt) is { } idleAt)
        {
            runs.Add(await DispatchQueue.NextDueAsync(dbFactory, offPeak, idleAt, claims.ClaimMargin, cancellationToken));
        }

        return new DispatchResult(sent, runs.MinBy(at => at ?? DateTimeOffset.MaxValue));
    }

    private async Task<LaneEnd> RunLaneAsync(Func<int> countSend, TaskCompletionSource<bool>? widen, CancellationToken cancellationToken)
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

    private async Task<LaneEnd> RunLaneLoopAsync(Func<int> countSend, TaskCompletionSource<bool>? widen, CancellationToken cancellationToken)
    {
        while (true)
        {
            var take = await TakeAsync(cancellationToken);
            switch (take.Kind)
            {
                case BudgetTakeKind.Halted:
                    // Paused by staff, or held by an answer (a 429, a run of 503s, a refused certificate): stop here.
                    return new LaneEnd(DispatchHalts.From(take), null);
                case BudgetTakeKind.Exhausted:
                    return new LaneEnd(new DispatchResult(0, take.NextFreeAt), null);
                case BudgetTakeKind.NoWork:
                    return new LaneEnd(null, take.At);
            }

            var request = take.Requests[0];
            // The take filled the window: after a 202 no other take could succeed before the next slot frees, so none is
            // tried (any other answer may have paused or held dispatch, which the next take reports). A lane that took the
            // last sendable request still asks again: the link's next request becomes sendable once this one's 202 is in.
            var full = take.NextFreeAt > take.At;
            try
            {
                var outcome = await sender.SendAsync(request, cancellationToken);
                var accepted = outcome?.Kind == UtilityOutcomeKind.Accepted;
                widen?.TrySetResult(accepted && !full);
                if (outcome is not null && countSend() >= settings.MaxSendsPerRun)
                {
                    return new LaneEnd(new DispatchResult(0, time.GetUtcNow()), null);
                }

                if (accepted && full)
                {
                    return new LaneEnd(new DispatchResult(0, take.NextFreeAt), null);
                }
            }
            finally
            {
                self.Done(request.Id);
            }
        }
    }

    private async Task<BudgetTake> TakeAsync(CancellationToken cancellationToken)
    {
        DispatchClaim? claim = null;
        try
        {
            var take = await budget.TryTakeAsync(1, async (db, now, _, ct) =>
            {
                claim = await claims.ClaimNextAsync(db, now, ct);
                return claim.Requests;
            }, cancellationToken);
            return take;
        }
        catch when (claim is { Requests: [var request] })
        {
            self.Done(request.Id); // if the claim was committed after all, this process's recovery puts it back
            throw;
        }
    }

    // How a lane stopped: with a result (halted, budget full, enough sent), or idle at an instant with nothing to send.
    private sealed record LaneEnd(DispatchResult? Result, DateTimeOffset? IdleAt);
}
