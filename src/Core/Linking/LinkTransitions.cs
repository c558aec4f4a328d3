using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Linking;

/// <summary>
/// Link status changes and the words a customer reads for them (stored as the link's reason; the card and
/// the emails read them through <see cref="Usage.StatusSentences"/>). A change the owner is emailed about
/// also records a <see cref="LinkNotice"/>, in the same save as the change.
/// </summary>
public static class LinkTransitions
{
    public const string PinNotAcceptedReason = "The utility did not accept the PIN. Check it and enter it again.";
    public const string AccessRevokedReason = "The utility no longer accepts the PIN (it was changed or deleted). Enter the new PIN to continue.";
    public const string InactiveReason = "This Service ID is no longer active (for example after a meter swap or a rate change). Link your new Service ID.";
    public const string RejectedReason = "The utility does not know this Service ID. Check it on your bill and link it again.";
    public const string UnlinkedReason = "Unlinked: requests stopped and the PIN deleted.";
    public const string PinUnavailableReason = "The stored PIN can no longer be read. Enter it again.";
    public const string CheckingPinReason = "Checking the new PIN with the utility.";

    public static void MoveTo(this ServiceLink link, LinkStatus status, DateTimeOffset now, string? reason)
    {
        if (link.Status != status)
        {
            link.StatusChangedAt = now;
            if (NoticeFor(status) is { } notice)
            {
                link.Record(notice, now);
            }
        }

        link.Status = status;
        link.StatusReason = reason;
    }

    /// <summary>Adds an event to email the owner about; whether it is sent is decided when the outbox is drained.</summary>
    public static void Record(this ServiceLink link, NoticeEvent notice, DateTimeOffset now) =>
        link.Notices.Add(new LinkNotice { LinkId = link.Id, Event = notice, State = NoticeState.Pending, OccurredAt = now, NextAttemptAt = now });

    private static NoticeEvent? NoticeFor(LinkStatus status) => status switch
    {
        LinkStatus.PinNotAccepted => NoticeEvent.PinNotAccepted,
        LinkStatus.AccessRevoked => NoticeEvent.AccessRevoked,
        LinkStatus.Inactive => NoticeEvent.ServiceInactive,
        _ => null,
    };

    /// <summary>A link whose requests may be sent: it is new or its PIN is proven.</summary>
    public static bool IsLive(LinkStatus status) => status is LinkStatus.Pending or LinkStatus.Active;
}
