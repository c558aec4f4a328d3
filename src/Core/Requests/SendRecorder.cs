using GbcPortal.Core.Gbc;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// Records a claimed request's send in the database, each step one short transaction: "sending now" just before the
/// POST, the answer as soon as it comes, or the claim given back when it never left. Every move of the request goes
/// through <see cref="RequestTransitions"/>, every move of its slot through <see cref="RateBudget"/>.
/// </summary>
public sealed class SendRecorder(
    IDbContextFactory<PortalDbContext> dbFactory,
    RateBudget budget,
    RequestOutcomes outcomes,
    DispatchClaims claims,
    DispatcherIdentity self,
    RequestStatusNotifier notifier,
    TimeProvider time,
    IOptions<DispatchOptions> options)
{
    private readonly DispatchOptions settings = options.Value;

    /// <summary>
    /// The claim's last step before the wire, committed on its own: false (and the claim given back with its slot) if it
    /// is not ours any more (recovered by another instance meanwhile), waited too long since the claim (a stalled process),
    /// or is a refresh and peak hours have begun. The slot is stamped again now, so the window counts from the POST and the
    /// margin only has to cover the network, not the time between the claim and the send.
    /// </summary>
    public async Task<bool> MarkSendingAsync(DataRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimedAfter = now - TimeSpan.FromSeconds(settings.MaxClaimAgeSeconds);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ours = db.DataRequests.Where(r => r.Id == request.Id && r.Status == RequestStatus.Pending && r.ClaimedBy == self.Id && r.SendStartedAt == null);
        // A refresh never leaves in peak hours, however late its claim's send comes (the claim already kept a margin).
        var inTime = request.Kind != RequestKind.Refresh || claims.RefreshMayLeave(now);
        if (inTime && await ours.Where(r => r.ClaimedAt > claimedAfter).MarkSendingAsync(now, cancellationToken))
        {
            await RateBudget.StampSendingAsync(db, request.Id, request.ClaimedAt!.Value, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }

        var givenBack = await ours.GiveBackClaimAsync(now, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (givenBack)
        {
            await budget.ReturnAsync(request.Id, cancellationToken);
        }

        return false;
    }

    /// <summary>
    /// The answer, recorded the moment it comes, with the slot's stamp moved to now: the utility received the request at
    /// some moment before, so a window counted from the answer never holds more arrivals than the limit.
    /// </summary>
    public async Task RecordAnswerAsync(DataRequest request, UtilityOutcome outcome)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
        {
            await RateBudget.StampAnsweredAsync(db, request.Id, now, CancellationToken.None);
            if (outcome.Kind == UtilityOutcomeKind.Accepted)
            {
                await RecordAcceptedAsync(db, request, now, outcome.UtilityRequestId);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        if (outcome.Kind == UtilityOutcomeKind.Accepted)
        {
            notifier.Notify(new RequestStatusChange(request.LinkId, request.Id));
        }
        else
        {
            await outcomes.ApplySubmitOutcomeAsync(request.Id, outcome, CancellationToken.None);
        }
    }

    /// <summary>The stored PIN could not be read, so the request never left: the customer is asked again and the slot returned.</summary>
    public async Task RecordPinUnavailableAsync(DataRequest request)
    {
        await outcomes.ApplyPinUnavailableAsync(request.Id, CancellationToken.None);
        await budget.ReturnAsync(request.Id, CancellationToken.None);
    }

    /// <summary>Shutting down mid-send: put it back; if the utility did get it, its callback still matches the request id.</summary>
    public Task RecordInterruptedAsync(DataRequest request) =>
        outcomes.ApplySubmitOutcomeAsync(request.Id, new UtilityOutcome(UtilityOutcomeKind.Unavailable, RetryAfter: TimeSpan.Zero, HoldsDispatch: false),
            CancellationToken.None);

    // The guard on Status leaves alone a request that was unlinked (or already completed by a quick callback) while it was in flight.
    private static async Task RecordAcceptedAsync(PortalDbContext db, DataRequest request, DateTimeOffset now, string? utilityRequestId)
    {
        var requests = db.DataRequests.Where(r => r.Id == request.Id);
        if (!await requests.RecordSubmittedAsync(now, utilityRequestId, CancellationToken.None))
        {
            await requests.NoteUtilityIdAsync(utilityRequestId, CancellationToken.None);
        }
    }
}
