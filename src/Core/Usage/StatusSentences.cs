using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Usage;

/// <summary>
/// The customer-facing sentence for each status and for each event we email about: the service card and
/// the emails read them here, so both say the same thing. Link-level reasons are the ones stored with the
/// link (<see cref="LinkTransitions"/>).
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
        ServiceStatus.PinNotAccepted => LinkTransitions.PinNotAcceptedReason,
        ServiceStatus.AccessRevoked => LinkTransitions.AccessRevokedReason,
        ServiceStatus.Inactive => LinkTransitions.InactiveReason,
        ServiceStatus.Rejected => LinkTransitions.RejectedReason,
        ServiceStatus.UnderReview => LinkMessages.UnderReview(null),
        ServiceStatus.Refused => LinkMessages.RefusedReason,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The sentence an email about <paramref name="notice"/> says; <paramref name="reason"/> is the link's stored reason.</summary>
    public static string For(NoticeEvent notice, string? reason = null) => notice switch
    {
        NoticeEvent.FirstData => FirstData,
        NoticeEvent.HistoryComplete => HistoryComplete,
        NoticeEvent.PinNotAccepted => reason ?? For(ServiceStatus.PinNotAccepted),
        NoticeEvent.AccessRevoked => reason ?? For(ServiceStatus.AccessRevoked),
        NoticeEvent.ServiceInactive => reason ?? For(ServiceStatus.Inactive),
        _ => throw new ArgumentOutOfRangeException(nameof(notice), notice, null),
    };
}
