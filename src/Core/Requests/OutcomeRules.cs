using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Requests;

/// <summary>How the utility's answers change a request, its link and dispatch (the protocol's table).</summary>
internal static class OutcomeRules
{
    public static async Task ApplySubmitAsync(OutcomeScope scope, UtilityOutcome outcome, CancellationToken cancellationToken)
    {
        var (request, now) = (scope.Request, scope.Now);
        switch (outcome.Kind)
        {
            case UtilityOutcomeKind.Accepted:
                request.UtilityRequestId = outcome.UtilityRequestId;
                (request.OutcomeReason, request.UtilityMessage) = (null, null);
                break;
            case UtilityOutcomeKind.Unavailable when !outcome.HoldsDispatch:
                // A lone 503 is this request's bad luck: it waits, the others go on with the budget.
                request.Requeue(now, now + Max(outcome.RetryAfter ?? TimeSpan.Zero, scope.Settings.Backoff(request.Attempts)),
                    ReasonCode.UtilityBusy, outcome.Message);
                break;
            case UtilityOutcomeKind.RateLimited:
            case UtilityOutcomeKind.Unavailable:
            case UtilityOutcomeKind.ConnectionDropped:
                // The limit and the outage are the utility's, not the request's: hold every send.
                var wait = outcome.RetryAfter ?? scope.Settings.Backoff(request.Attempts);
                var retryAt = now + (outcome.Kind == UtilityOutcomeKind.RateLimited ? wait : Max(wait, scope.Settings.Backoff(request.Attempts)));
                request.Requeue(now, retryAt, outcome.Kind switch
                {
                    UtilityOutcomeKind.RateLimited => ReasonCode.RateLimited,
                    UtilityOutcomeKind.ConnectionDropped => ReasonCode.ConnectionDropped,
                    _ => ReasonCode.UtilityUnavailable,
                }, outcome.Message);
                var control = await scope.ControlAsync(cancellationToken);
                control.HoldUntil = Max(control.HoldUntil ?? now, now + wait);
                break;
            case UtilityOutcomeKind.CertificateRefused:
                // Not this request's fault: it goes back unchanged and nothing more is sent until staff act.
                request.Attempts = Math.Max(0, request.Attempts - 1);
                request.Requeue(now, now, ReasonCode.CertificateRefused, outcome.Message);
                var paused = await scope.ControlAsync(cancellationToken);
                paused.Paused = true;
                paused.PausedAt = now;
                var why = outcome.DroppedInARow is null ? DispatchReason.CertificateRefused : DispatchReason.ConnectionsDropped;
                paused.PauseReason = why;
                Alert(paused, now, why, outcome.Message, count: outcome.DroppedInARow);
                break;
            case UtilityOutcomeKind.InvalidRequest:
                request.MoveTo(RequestStatus.Failed, now, ReasonCode.InvalidRequest, outcome.Message);
                Alert(await scope.ControlAsync(cancellationToken), now, DispatchReason.InvalidRequest, outcome.Message, requestId: request.Id);
                break;
            default:
                await ApplyRejectionAsync(scope, outcome.Kind, outcome.Message, cancellationToken);
                break;
        }
    }

    /// <summary>PinRejected, UnknownServiceId, ServiceInactive: the link changes, and with it its other requests.</summary>
    public static async Task ApplyRejectionAsync(OutcomeScope scope, UtilityOutcomeKind kind, string? message, CancellationToken cancellationToken)
    {
        var (request, link, now) = (scope.Request, scope.Link, scope.Now);
        // Only the first answer to a send counts toward a hold: a repeated callback is not another guess.
        var answersASend = (request.Status == RequestStatus.Submitted || request.IsInFlight()) && link.Status != LinkStatus.Unlinked;
        var siblings = await scope.OpenSiblingsAsync(cancellationToken);
        switch (kind)
        {
            case UtilityOutcomeKind.PinRejected:
                // A PIN that never worked is a typo; one that worked before was changed or deleted.
                var proven = link.Status is LinkStatus.Active or LinkStatus.AccessRevoked;
                PauseForPin(scope, siblings, proven ? LinkStatus.AccessRevoked : LinkStatus.PinNotAccepted,
                    proven ? ReasonCode.AccessRevoked : ReasonCode.PinNotAccepted, message);
                if (!proven && answersASend)
                {
                    // A PIN never proven and refused is a guess, right or wrong: it counts toward a hold.
                    await LinkGuard.RecordRefusalAsync(scope.Db, scope.Linking, link, RefusalKind.PinNotAccepted, now, cancellationToken);
                }
                break;
            case UtilityOutcomeKind.ServiceInactive:
            case UtilityOutcomeKind.UnknownServiceId:
                var inactive = kind == UtilityOutcomeKind.ServiceInactive;
                if (!inactive && answersASend)
                {
                    await LinkGuard.RecordRefusalAsync(scope.Db, scope.Linking, link, RefusalKind.UnknownServiceId, now, cancellationToken);
                }

                var reason = inactive ? ReasonCode.ServiceInactive : ReasonCode.UnknownServiceId;
                if (link.Status != LinkStatus.Unlinked)
                {
                    link.MoveTo(inactive ? LinkStatus.Inactive : LinkStatus.Rejected, now, reason, message);
                }

                request.MoveTo(RequestStatus.Failed, now, reason, message);
                foreach (var sibling in siblings.Where(r => r.Status != RequestStatus.Submitted))
                {
                    sibling.MoveTo(RequestStatus.Cancelled, now, reason);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a rejection of the link.");
        }
    }

    /// <summary>
    /// The stored PIN cannot be decrypted (the Data Protection keys are gone): the utility was never asked,
    /// so nothing is said in its name; the customer is asked to enter the PIN again.
    /// </summary>
    public static async Task ApplyPinUnavailableAsync(OutcomeScope scope, CancellationToken cancellationToken)
    {
        var siblings = await scope.OpenSiblingsAsync(cancellationToken);
        PauseForPin(scope, siblings, LinkStatus.PinNotAccepted, ReasonCode.PinUnreadable, null);
    }

    private static void PauseForPin(OutcomeScope scope, IEnumerable<DataRequest> siblings, LinkStatus linkStatus,
        ReasonCode reason, string? utilityMessage)
    {
        if (scope.Link.Status != LinkStatus.Unlinked)
        {
            scope.Link.MoveTo(linkStatus, scope.Now, reason, utilityMessage);
        }

        scope.Request.MoveTo(RequestStatus.Paused, scope.Now, reason, utilityMessage);
        foreach (var sibling in siblings.Where(r => r.Status == RequestStatus.Pending))
        {
            sibling.MoveTo(RequestStatus.Paused, scope.Now, ReasonCode.WaitingForPin);
        }
    }

    private static void Alert(DispatchControl control, DateTimeOffset now, DispatchReason reason, string? utilityMessage,
        int? requestId = null, int? count = null)
    {
        (control.AlertReason, control.AlertUtilityMessage, control.AlertRequestId, control.AlertCount) = (reason, utilityMessage, requestId, count);
        control.AlertAt = now;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
