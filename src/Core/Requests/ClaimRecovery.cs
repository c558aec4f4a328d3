using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// Puts back in the queue what a dispatcher claimed and could not finish: its process died (no heartbeat),
/// this process lost track of it (an error between claim and send), or the claim is simply too old.
/// A request whose POST never began goes back at once and its budget slot is returned (the utility never
/// saw it). One whose POST had begun may be at the utility: it waits for a callback carrying its request id
/// (which completes it) and is only sent again, with the same request id, when none came in time.
/// </summary>
public sealed class ClaimRecovery(
    IDbContextFactory<PortalDbContext> dbFactory,
    RateBudget budget,
    DispatcherIdentity self,
    RequestStatusNotifier notifier,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<ClaimRecovery> logger)
{
    private readonly DispatchOptions settings = options.Value;

    public async Task<ClaimRecoveryResult> RecoverAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claims = await db.DataRequests.AsNoTracking().Where(r => r.ClaimedBy != null && r.Status == RequestStatus.Pending)
            .Select(r => new { r.Id, r.LinkId, r.RequestId, r.ClaimedBy, r.ClaimedAt, r.SendStartedAt, r.OutcomeReason })
            .ToListAsync(cancellationToken);
        if (claims.Count == 0)
        {
            return new ClaimRecoveryResult(0, 0, 0);
        }

        var now = time.GetUtcNow();
        var aliveSince = now - TimeSpan.FromSeconds(settings.DispatcherDeadAfterSeconds);
        var alive = (await db.Dispatchers.AsNoTracking().Where(d => d.HeartbeatAt > aliveSince).Select(d => d.Id)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var unconfirmedWait = TimeSpan.FromSeconds(settings.UnconfirmedSendTimeoutSeconds);
        int released = 0, resent = 0, waiting = 0;
        foreach (var claim in claims)
        {
            var orphaned = (claim.ClaimedBy == self.Id ? !self.IsSending(claim.Id) : !alive.Contains(claim.ClaimedBy!))
                || claim.ClaimedAt < now - TimeSpan.FromSeconds(settings.ClaimTimeoutSeconds);
            if (!orphaned)
            {
                continue;
            }

            var mine = db.DataRequests.Where(r => r.Id == claim.Id && r.Status == RequestStatus.Pending && r.ClaimedBy == claim.ClaimedBy);
            if (claim.SendStartedAt is null)
            {
                // Exclusive with the owner's own "sending now" mark, which needs the claim and no mark: one of them wins.
                if (await mine.Where(r => r.SendStartedAt == null).GiveBackClaimAsync(now, ReasonCode.NeverSent, cancellationToken))
                {
                    var returned = await budget.ReturnAsync(claim.Id, cancellationToken);
                    logger.LogWarning("Request {RequestId} was claimed by dispatcher {Dispatcher}, which stopped before sending it: "
                        + "back in the queue, its slot {Returned}", claim.RequestId, claim.ClaimedBy, returned ? "returned" : "already gone");
                    released++;
                    notifier.Notify(new RequestStatusChange(claim.LinkId, claim.Id));
                }
            }
            else if (claim.SendStartedAt < now - unconfirmedWait)
            {
                if (await mine.Where(r => r.SendStartedAt == claim.SendStartedAt).ResendAsync(now, ReasonCode.ResentAfterStop, cancellationToken))
                {
                    logger.LogWarning("Request {RequestId}: dispatcher {Dispatcher} stopped mid-send and no callback came; sending again",
                        claim.RequestId, claim.ClaimedBy);
                    resent++;
                    notifier.Notify(new RequestStatusChange(claim.LinkId, claim.Id));
                }
            }
            else
            {
                waiting++;
                if (claim.OutcomeReason != ReasonCode.AwaitingCallback)
                {
                    // Staff see why it sits there; it moves by itself.
                    await mine.ExplainAsync(ReasonCode.AwaitingCallback, cancellationToken);
                }
            }
        }

        return new ClaimRecoveryResult(released, resent, waiting);
    }
}

/// <summary>What a recovery pass did: claims that never left (requeued, slot returned), claims sent again, claims still waiting for a callback.</summary>
public sealed record ClaimRecoveryResult(int Released, int Resent, int Waiting);
