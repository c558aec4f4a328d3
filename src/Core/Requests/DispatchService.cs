using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// Sends Pending requests in priority order (Verify, Backfill, Refresh; Refresh only off-peak) as fast
/// as the global budget allows, then says when to run again, so a waiting job is a reschedule and
/// never a sleeping worker. Safe with any number of concurrent runs in any number of processes.
/// </summary>
public sealed class DispatchService(
    IDbContextFactory<PortalDbContext> dbFactory,
    RateBudget budget,
    OffPeakWindow offPeak,
    IUtilityClient client,
    PinProtector pins,
    RequestOutcomes outcomes,
    ConnectionDrops drops,
    RequestStatusNotifier notifier,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<DispatchService> logger)
{
    private readonly DispatchOptions settings = options.Value;

    public async Task<DispatchResult> DispatchAsync(CancellationToken cancellationToken = default)
    {
        if (await HaltedAsync(cancellationToken) is { } halted)
        {
            return halted;
        }

        var sent = 0;
        while (sent < settings.MaxSendsPerRun)
        {
            BudgetTake<DataRequest> take;
            try
            {
                take = await budget.TryTakeAsync<DataRequest>(settings.MaxSendsPerRun - sent, ClaimNextAsync, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue; // someone changed a request between our read and our claim: pick again
            }

            switch (take.Kind)
            {
                case BudgetTakeKind.Exhausted:
                    return new DispatchResult(sent, take.NextFreeAt);
                case BudgetTakeKind.NoWork:
                    return new DispatchResult(sent, await DispatchQueue.NextDueAsync(dbFactory, offPeak, take.At, cancellationToken));
            }

            var accepted = new List<(DataRequest Request, string? UtilityRequestId)>();
            for (var i = 0; i < take.Items.Count; i++)
            {
                sent++;
                var outcome = await SendAsync(take.Items[i], cancellationToken);
                if (outcome?.Kind == UtilityOutcomeKind.Accepted)
                {
                    accepted.Add((take.Items[i], outcome.UtilityRequestId));
                }
                else if (await HaltedAsync(cancellationToken) is { } halt)
                {
                    // The answer paused or held dispatch (429, 503, certificate): the rest of the batch waits too.
                    await RecordAcceptedAsync(accepted, cancellationToken);
                    await ReleaseAsync(take.Items.Skip(i + 1));
                    return halt with { Sent = sent };
                }
            }

            await RecordAcceptedAsync(accepted, cancellationToken);
            if (take.NextFreeAt > take.At)
            {
                return new DispatchResult(sent, take.NextFreeAt); // this batch filled the window
            }
        }

        return new DispatchResult(sent, time.GetUtcNow());
    }

    // Runs inside the budget's locked transaction: no other dispatcher can claim the same request.
    private async Task<IReadOnlyList<DataRequest>> ClaimNextAsync(PortalDbContext db, DateTimeOffset now, int count, CancellationToken cancellationToken)
    {
        var candidates = DispatchQueue.Sendable(db, now);
        if (!offPeak.IsOffPeak(now))
        {
            candidates = candidates.Where(r => r.Kind != RequestKind.Refresh);
        }

        // One request per link per batch: if the utility refuses the first (PIN, inactive), the link's
        // other requests are paused or cancelled before they could be sent. Accounts take turns (DispatchQueue).
        var requests = await DispatchQueue.NextFairAsync(candidates, count, cancellationToken);
        foreach (var request in requests)
        {
            request.MoveTo(RequestStatus.Submitted, now, null);
            request.Attempts++;
        }

        return requests;
    }

    // Claimed but not sent: back to Pending as they were (their slots stay spent, which only errs on the safe side).
    private async Task ReleaseAsync(IEnumerable<DataRequest> requests)
    {
        var ids = requests.Select(r => r.Id).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.DataRequests.Where(r => ids.Contains(r.Id) && r.Status == RequestStatus.Submitted)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RequestStatus.Pending)
                .SetProperty(r => r.Attempts, r => r.Attempts - 1)
                .SetProperty(r => r.Version, r => r.Version + 1), CancellationToken.None);
    }

    /// <summary>Sends one claimed request; applies any answer but Accepted, which the caller records for the whole batch.</summary>
    private async Task<UtilityOutcome?> SendAsync(DataRequest request, CancellationToken cancellationToken)
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
            return null;
        }

        var submission = new DataRequestSubmission(request.RequestId, link.ServiceId, pin, request.WindowStart, request.WindowEnd);
        UtilityOutcome outcome;
        try
        {
            outcome = await client.SubmitAsync(submission, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-send: put it back; if the utility did get it, the repeat is idempotent.
            await outcomes.ApplySubmitOutcomeAsync(request.Id, new UtilityOutcome(UtilityOutcomeKind.Unavailable,
                RetryAfter: TimeSpan.Zero), CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Sending request {RequestId} failed", request.RequestId);
            outcome = new UtilityOutcome(UtilityOutcomeKind.Unavailable, Message: e.GetType().Name);
        }

        logger.LogInformation("Request {RequestId} ({Kind}) of link {LinkId}: {Outcome}",
            request.RequestId, request.Kind, link.Id, outcome.Kind);
        outcome = CountDrops(outcome);
        if (outcome.Kind != UtilityOutcomeKind.Accepted)
        {
            await outcomes.ApplySubmitOutcomeAsync(request.Id, outcome, CancellationToken.None);
        }

        return outcome;
    }

    private UtilityOutcome CountDrops(UtilityOutcome outcome)
    {
        if (outcome.Kind != UtilityOutcomeKind.ConnectionDropped)
        {
            if (outcome.Kind != UtilityOutcomeKind.Unavailable)
            {
                drops.Reset();
            }

            return outcome;
        }

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

    // One statement per request, one connection per batch; the guard on Status leaves alone a request
    // that was unlinked while it was in flight.
    private async Task RecordAcceptedAsync(List<(DataRequest Request, string? UtilityRequestId)> accepted, CancellationToken cancellationToken)
    {
        if (accepted.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        foreach (var (request, utilityRequestId) in accepted)
        {
            await db.DataRequests.Where(r => r.Id == request.Id && r.Status == RequestStatus.Submitted)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.UtilityRequestId, utilityRequestId)
                    .SetProperty(r => r.Version, r => r.Version + 1), CancellationToken.None);
        }

        foreach (var (request, _) in accepted)
        {
            notifier.Notify(new RequestStatusChange(request.LinkId, request.Id));
        }
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
