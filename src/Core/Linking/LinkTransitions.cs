using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Linking;

/// <summary>
/// Link status changes, each with the code of its reason (the words are in <see cref="Usage.StatusSentences"/>)
/// and what the utility said, when it said something. A change the owner is emailed about
/// also records a <see cref="LinkNotice"/>, in the same save as the change.
/// </summary>
public static class LinkTransitions
{
    public static void MoveTo(this ServiceLink link, LinkStatus status, DateTimeOffset now, ReasonCode? reason, string? utilityMessage = null)
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
        link.UtilityMessage = utilityMessage;
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
