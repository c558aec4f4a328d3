using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Notifications;

/// <summary>One email to a link's owner about <paramref name="Event"/>; <paramref name="Sentence"/> is the card's own words.</summary>
public sealed record ServiceEmail(string To, int LinkId, string ServiceId, NoticeEvent Event, string Sentence);
