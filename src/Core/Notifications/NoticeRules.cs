using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Notifications;

/// <summary>
/// Whether a recorded event is emailed: the owner's switch and confirmed address, the link still in the state the
/// event reports, and the dedup (one email per event per link; a problem that comes back is emailed again, but
/// never twice within <see cref="NoticeOptions.RepeatAfter"/>). Null means send; otherwise why not.
/// </summary>
public static class NoticeRules
{
    public static NoticeReason? SkipReason(NoticeEvent notice, LinkStatus linkStatus, Recipient owner, DateTimeOffset? lastSent,
        DateTimeOffset now, TimeSpan repeatAfter)
    {
        if (!owner.WantsEmail)
        {
            return NoticeReason.EmailsOff;
        }

        if (string.IsNullOrWhiteSpace(owner.Email) || !owner.AddressUsable)
        {
            return NoticeReason.NoConfirmedAddress;
        }

        if (!StillTrue(notice, linkStatus))
        {
            return NoticeReason.OutOfDate;
        }

        return lastSent switch
        {
            null => null,
            _ when notice is NoticeEvent.FirstData or NoticeEvent.HistoryComplete => NoticeReason.AlreadySent,
            { } sent when now - sent < repeatAfter => NoticeReason.AlreadySent,
            _ => null,
        };
    }

    // A PIN fixed or a link removed before the email left: telling the customer to act would be wrong.
    private static bool StillTrue(NoticeEvent notice, LinkStatus status) => notice switch
    {
        NoticeEvent.PinNotAccepted => status == LinkStatus.PinNotAccepted,
        NoticeEvent.AccessRevoked => status == LinkStatus.AccessRevoked,
        NoticeEvent.ServiceInactive => status == LinkStatus.Inactive,
        _ => status is not (LinkStatus.Unlinked or LinkStatus.Refused),
    };

    /// <summary>
    /// The events counted as one for the dedup: a PIN refused and access revoked are one problem for the customer
    /// (enter the PIN again), whichever word the utility's answer took.
    /// </summary>
    public static IReadOnlyList<NoticeEvent> SameAs(NoticeEvent notice) => notice is NoticeEvent.PinNotAccepted or NoticeEvent.AccessRevoked
        ? [NoticeEvent.PinNotAccepted, NoticeEvent.AccessRevoked]
        : [notice];

    /// <summary>The owner as far as emails go: the address, whether it may be used (confirmed, or confirmation not required) and the switch.</summary>
    public sealed record Recipient(string? Email, bool AddressUsable, bool WantsEmail);
}
