using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Requests;

/// <summary>The one place that moves a request between states, so every move stamps the same timestamps.</summary>
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
}
