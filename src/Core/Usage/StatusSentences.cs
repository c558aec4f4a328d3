using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Usage;

/// <summary>
/// Every sentence customers and staff read about a status or a reason: the service card, the emails and the
/// staff pages all read them here, so each status and each stored <see cref="ReasonCode"/> says the same thing
/// wherever it shows. The database holds only the codes (and the utility's own text beside them).
/// </summary>
public static class StatusSentences
{
    public const string FirstData = "The first of your usage has arrived. The rest of the history follows over the next hours.";

    public const string HistoryComplete = "Your whole usage history has arrived.";

    public static string For(ServiceStatus status) => status switch
    {
        ServiceStatus.Pending => "Waiting to be sent to the utility. Requests go out a few per minute for everyone.",
        ServiceStatus.Submitted => "The utility has the request and is preparing your usage.",
        ServiceStatus.Complete => "All requested usage has arrived.",
        ServiceStatus.Failed => "The utility did not deliver part of your usage. Our staff can retry it.",
        ServiceStatus.PinNotAccepted => For(ReasonCode.PinNotAccepted),
        ServiceStatus.AccessRevoked => For(ReasonCode.AccessRevoked),
        ServiceStatus.Inactive => For(ReasonCode.ServiceInactive),
        ServiceStatus.Rejected => For(ReasonCode.UnknownServiceId),
        ServiceStatus.UnderReview => ForReview(null),
        ServiceStatus.Refused => For(ReasonCode.RefusedByStaff),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string For(ReasonCode reason) => reason switch
    {
        ReasonCode.Other => "See the utility's words.",
        ReasonCode.PinNotAccepted => "The utility did not accept the PIN. Check it and enter it again.",
        ReasonCode.AccessRevoked => "The utility no longer accepts the PIN (it was changed or deleted). Enter the new PIN to continue.",
        ReasonCode.ServiceInactive =>
            "This Service ID is no longer active (for example after a meter swap or a rate change). Link your new Service ID.",
        ReasonCode.UnknownServiceId => "The utility does not know this Service ID. Check it on your bill and link it again.",
        ReasonCode.InvalidRequest => "The utility called the request invalid.",
        ReasonCode.NoData => "The utility had no data for this window.",
        ReasonCode.UtilityFailed => "The utility failed the request; sending it again later.",
        ReasonCode.UtilityBusy => "The utility was busy (503) for this request; sending it again shortly.",
        ReasonCode.RateLimited => "The utility said we were over its rate limit; retrying later.",
        ReasonCode.UtilityUnavailable => "The utility was unavailable; retrying later.",
        ReasonCode.ConnectionDropped => "The utility closed the connection without an answer; retrying later.",
        ReasonCode.CertificateRefused => "Waiting: the utility refused our client certificate.",
        ReasonCode.Timeout => "No response from the utility in time; sending again.",
        ReasonCode.TimeoutGaveUp => "No response from the utility after every attempt.",
        ReasonCode.MalformedCallback => "The utility's answer could not be read.",
        ReasonCode.CallbackRefused => "The utility's answer was refused: it held data we did not ask for.",
        ReasonCode.PinUnreadable => "The stored PIN can no longer be read. Enter it again.",
        ReasonCode.WaitingForPin => "Waiting for a new PIN.",
        ReasonCode.CheckingNewPin => "Checking the new PIN with the utility.",
        ReasonCode.NewPin => "Re-queued with the new PIN.",
        ReasonCode.Unlinked => "Unlinked: requests stopped and the PIN deleted.",
        ReasonCode.Replanned => "Replaced by a new plan.",
        ReasonCode.RetriedByStaff => "Retried by staff.",
        ReasonCode.RefusedByStaff =>
            "Our staff could not confirm that this account may see this Service ID, so we stopped asking the utility for it. "
            + "Contact us if you think this is a mistake.",
        ReasonCode.UploadedFile => "Usage from an uploaded Green Button file.",
        ReasonCode.NeverSent => "Its dispatcher stopped before sending it; back in the queue.",
        ReasonCode.ResentAfterStop => "Its dispatcher stopped while sending it and no callback came in time; sending it again with the same request id.",
        ReasonCode.AwaitingCallback => "Its dispatcher stopped while sending it; waiting for the utility's callback, then sending it again.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>What staff read for a stored reason: its sentence, then the utility's own words when it gave any.</summary>
    public static string? ForStaff(ReasonCode? reason, string? utilityMessage) => (reason, utilityMessage) switch
    {
        (null, null or "") => null,
        (null or ReasonCode.Other, { Length: > 0 } said) => $"The utility said: “{said}”",
        ({ } code, { Length: > 0 } said) => $"{For(code)} The utility said: “{said}”",
        ({ } code, _) => For(code),
        _ => null,
    };

    /// <summary>Why a link waits for staff, as its owner reads it (<paramref name="reviewReason"/> is a <see cref="ReviewReasons"/> code).</summary>
    public static string ForReview(string? reviewReason) => reviewReason switch
    {
        ReviewReasons.HeldServiceId =>
            "This Service ID is on hold after several wrong PINs were tried for it, so our staff check every new link to it "
            + "before we ask the utility. Nothing is sent until they have; this usually takes one working day.",
        ReviewReasons.RefusedBefore =>
            "Our staff refused this link before, so they look at it again before we ask the utility. Nothing is sent until they have.",
        _ => "Another account already has this Service ID linked, so our staff check that both may see it before we ask the "
            + "utility. Nothing is sent until they have; this usually takes one working day.",
    };

    /// <summary>Why a link waits for staff, as the review list names it.</summary>
    public static string ReviewLabel(string? reviewReason) => reviewReason switch
    {
        ReviewReasons.HeldServiceId => "Service ID on hold after wrong PINs",
        ReviewReasons.RefusedBefore => "Refused before",
        _ => "Linked by another account",
    };

    /// <summary>The sentence an email about <paramref name="notice"/> says; <paramref name="reason"/> is the link's stored reason.</summary>
    public static string For(NoticeEvent notice, ReasonCode? reason = null) => notice switch
    {
        NoticeEvent.FirstData => FirstData,
        NoticeEvent.HistoryComplete => HistoryComplete,
        NoticeEvent.PinNotAccepted => For(reason ?? ReasonCode.PinNotAccepted),
        NoticeEvent.AccessRevoked => For(reason ?? ReasonCode.AccessRevoked),
        NoticeEvent.ServiceInactive => For(reason ?? ReasonCode.ServiceInactive),
        _ => throw new ArgumentOutOfRangeException(nameof(notice), notice, null),
    };

    /// <summary>Why dispatch is paused, as staff read it; null when it is not.</summary>
    public static string? Paused(DispatchControl? control) => control is { Paused: true }
        ? (control.PauseReason ?? DispatchReason.PausedByStaff) switch
        {
            DispatchReason.PausedByStaff => "Paused by staff.",
            DispatchReason.CertificateRefused => "The utility refused our client certificate.",
            DispatchReason.ConnectionsDropped => "The utility closed the connection without an answer several times in a row: a refused client certificate, or an outage.",
            var other => throw new ArgumentOutOfRangeException(nameof(control), other, "Not a reason to pause."),
        }
        : null;

    /// <summary>What staff must look at (the alert on /staff); null when there is nothing.</summary>
    public static string? Alert(DispatchControl? control) => control?.AlertReason switch
    {
        null => null,
        DispatchReason.CertificateRefused => Said("The utility refused our client certificate. Dispatch is paused.", control.AlertUtilityMessage),
        DispatchReason.ConnectionsDropped =>
            $"The utility closed the connection without an answer {(control.AlertCount is { } n ? $"{n} times" : "several times")} in a row: "
            + "with TLS 1.3 this is how a refused client certificate shows (it can also be an outage). Check the portal's client "
            + "certificate, then resume dispatch. Dispatch is paused.",
        DispatchReason.InvalidRequest => Said($"The utility called request {control.AlertRequestId} invalid.", control.AlertUtilityMessage),
        var other => throw new ArgumentOutOfRangeException(nameof(control), other, "Not an alert."),
    };

    /// <summary>What was wrong with a stored callback, as staff read it; null when nothing was.</summary>
    public static string? For(CallbackProblem? problem, string? detail, int? count) => problem switch
    {
        null => null,
        CallbackProblem.RequestGone => "The request or its link no longer exists; nothing stored.",
        CallbackProblem.AlreadyFinished =>
            $"Its request was already {detail ?? "finished"} when this callback came; kept, not ingested. Replay it to ingest it.",
        CallbackProblem.ReadingsOutsideWindow => $"{count} readings outside the requested window were dropped.",
        CallbackProblem.Malformed => detail is { Length: > 0 } ? $"The callback could not be read: {detail}" : "The callback could not be read.",
        CallbackProblem.TooManyResources =>
            $"The notification names {(count is { } n ? $"{n}" : "too many")} resources; at most {Ingest.IngestChecks.MaxResourceUris} are fetched.",
        CallbackProblem.NoTrustedHost => "Utility:BaseUrl is not set, so no resource host is trusted.",
        CallbackProblem.ResourceNotHttps => $"The notification names {(detail is { Length: > 0 } ? $"an address at {detail}" : "an address")}, which is not https.",
        CallbackProblem.ResourceOffHost =>
            $"The notification names a resource on {(detail is { Length: > 0 } ? detail : "another host")}, not on the utility's host.",
        CallbackProblem.SeveralUsagePoints => $"The feed names {(count is { } n ? $"{n}" : "several")} usage points; a request is for one Service ID.",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };

    /// <summary>Why a service email was not sent (or not yet).</summary>
    public static string For(NoticeReason reason, string? detail = null) => reason switch
    {
        NoticeReason.EmailsOff => "The account turned service emails off.",
        NoticeReason.NoConfirmedAddress => "The account has no confirmed address.",
        NoticeReason.OutOfDate => "The link is no longer in the state the email reports, so the news is out of date.",
        NoticeReason.AlreadySent => "Already sent for this link.",
        NoticeReason.SendFailed => detail is { Length: > 0 } ? $"The mail server refused it; trying again later. It said: {detail}" : "The mail server refused it; trying again later.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static string Said(string sentence, string? utilityMessage) =>
        utilityMessage is { Length: > 0 } said ? $"{sentence} The utility said: “{said}”" : sentence;
}
