using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace GbcPortal.Core.Requests;

/// <summary>
/// The one place that moves a request between states, so every move stamps the same timestamps. A tracked request
/// moves with <see cref="MoveTo"/> and its save bumps the version (<see cref="PortalDbContext"/>). The moves that
/// dispatchers of several instances race for (claim, "sending now", give back, the 202's record) are one conditional
/// UPDATE each, below: the row moves only if it still matches, and the version is bumped here, in
/// <see cref="UpdateAsync"/>, for every one of them.
/// </summary>
public static class RequestTransitions
{
    public static void MoveTo(this DataRequest request, RequestStatus status, DateTimeOffset now, ReasonCode? reason, string? utilityMessage = null)
    {
        request.Status = status;
        request.StatusChangedAt = now;
        request.OutcomeReason = reason;
        request.UtilityMessage = utilityMessage;
        // Any move ends a dispatcher's claim: the request is answered, requeued or stopped.
        (request.ClaimedBy, request.ClaimedAt, request.SendStartedAt) = (null, null, null);
        switch (status)
        {
            case RequestStatus.Pending:
                request.NotBefore = now;
                break;
            case RequestStatus.Submitted:
                request.SubmittedAt = now;
                break;
            case RequestStatus.Complete:
                request.CompletedAt = now;
                break;
            case RequestStatus.Failed:
                request.FailedAt = now;
                break;
        }
    }

    /// <summary>Back to Pending, not to be sent before <paramref name="notBefore"/>.</summary>
    public static void Requeue(this DataRequest request, DateTimeOffset now, DateTimeOffset notBefore, ReasonCode? reason, string? utilityMessage = null)
    {
        request.MoveTo(RequestStatus.Pending, now, reason, utilityMessage);
        request.NotBefore = notBefore;
    }

    /// <summary>Claimed by a dispatcher and being sent (still Pending): what the answer to a send may move.</summary>
    public static bool IsInFlight(this DataRequest request) =>
        request.Status == RequestStatus.Pending && request.ClaimedBy is not null;

    public static bool IsOpen(this DataRequest request) =>
        request.Status is RequestStatus.Pending or RequestStatus.Submitted or RequestStatus.Paused;

    /// <summary>
    /// Claims the request read at <paramref name="version"/> for <paramref name="dispatcher"/> (still Pending: it becomes
    /// Submitted only once the utility has it). False when anyone changed it since it was read.
    /// </summary>
    public static async Task<bool> ClaimAsync(this IQueryable<DataRequest> requests, int id, long version, string dispatcher,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        await UpdateAsync(requests.Where(r => r.Id == id && r.Version == version && r.Status == RequestStatus.Pending && r.ClaimedBy == null), s => s
            .SetProperty(r => r.ClaimedBy, dispatcher)
            .SetProperty(r => r.ClaimedAt, now)
            .SetProperty(r => r.SendStartedAt, (DateTimeOffset?)null)
            .SetProperty(r => r.Attempts, r => r.Attempts + 1), cancellationToken) == 1;

    /// <summary>The claim's last step before the wire: from now on the utility may have it.</summary>
    public static async Task<bool> MarkSendingAsync(this IQueryable<DataRequest> claimed, DateTimeOffset now, CancellationToken cancellationToken) =>
        await UpdateAsync(claimed, s => s.SetProperty(r => r.SendStartedAt, now), cancellationToken) == 1;

    /// <summary>
    /// A claim that never left goes back to the queue as it was (the attempt is not counted); with a
    /// <paramref name="reason"/>, staff see why it moved.
    /// </summary>
    public static async Task<bool> GiveBackClaimAsync(this IQueryable<DataRequest> claimed, DateTimeOffset now, ReasonCode? reason,
        CancellationToken cancellationToken) =>
        await UpdateAsync(claimed, s =>
        {
            s.SetProperty(r => r.ClaimedBy, (string?)null)
                .SetProperty(r => r.ClaimedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.Attempts, r => r.Attempts - 1);
            if (reason is not null)
            {
                s.SetProperty(r => r.OutcomeReason, reason).SetProperty(r => r.StatusChangedAt, now);
            }
        }, cancellationToken) == 1;

    /// <summary>A claim whose POST may have reached the utility, and no callback came: sent again with the same request id.</summary>
    public static async Task<bool> ResendAsync(this IQueryable<DataRequest> claimed, DateTimeOffset now, ReasonCode reason, CancellationToken cancellationToken) =>
        await UpdateAsync(claimed, s => s
            .SetProperty(r => r.ClaimedBy, (string?)null)
            .SetProperty(r => r.ClaimedAt, (DateTimeOffset?)null)
            .SetProperty(r => r.SendStartedAt, (DateTimeOffset?)null)
            .SetProperty(r => r.NotBefore, now)
            .SetProperty(r => r.OutcomeReason, reason)
            .SetProperty(r => r.StatusChangedAt, now), cancellationToken) == 1;

    /// <summary>The utility's 202, as <see cref="MoveTo"/> with <see cref="RequestStatus.Submitted"/> would record it.</summary>
    public static async Task<bool> RecordSubmittedAsync(this IQueryable<DataRequest> inFlight, DateTimeOffset now, string? utilityRequestId,
        CancellationToken cancellationToken) =>
        await UpdateAsync(inFlight.Where(r => r.Status == RequestStatus.Pending), s => s
            .SetProperty(r => r.Status, RequestStatus.Submitted)
            .SetProperty(r => r.SubmittedAt, now)
            .SetProperty(r => r.StatusChangedAt, now)
            .SetProperty(r => r.OutcomeReason, (ReasonCode?)null)
            .SetProperty(r => r.UtilityMessage, (string?)null)
            .SetProperty(r => r.UtilityRequestId, utilityRequestId)
            .SetProperty(r => r.ClaimedBy, (string?)null)
            .SetProperty(r => r.ClaimedAt, (DateTimeOffset?)null)
            .SetProperty(r => r.SendStartedAt, (DateTimeOffset?)null), cancellationToken) == 1;

    /// <summary>Notes the utility's id on a request that moved on while it was in flight (unlinked, or completed by a quick callback).</summary>
    public static Task<int> NoteUtilityIdAsync(this IQueryable<DataRequest> requests, string? utilityRequestId, CancellationToken cancellationToken) =>
        UpdateAsync(requests.Where(r => r.UtilityRequestId == null), s => s.SetProperty(r => r.UtilityRequestId, utilityRequestId), cancellationToken);

    /// <summary>Says why a request sits where it is, without moving it.</summary>
    public static Task<int> ExplainAsync(this IQueryable<DataRequest> requests, ReasonCode reason, CancellationToken cancellationToken) =>
        UpdateAsync(requests, s => s.SetProperty(r => r.OutcomeReason, reason), cancellationToken);

    // Every conditional move bumps the version, as a tracked save does, so a worker that read the row before fails its own save and reads again.
    private static Task<int> UpdateAsync(IQueryable<DataRequest> requests, Action<UpdateSettersBuilder<DataRequest>> set, CancellationToken cancellationToken) =>
        requests.ExecuteUpdateAsync(s =>
        {
            set(s);
            s.SetProperty(r => r.Version, r => r.Version + 1);
        }, cancellationToken);
}
