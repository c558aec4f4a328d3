namespace GbcPortal.Core.Persistence;

/// <summary>Something about a link a customer is emailed about (stored as its number).</summary>
public enum NoticeEvent
{
    /// <summary>The first completed request that stored readings.</summary>
    FirstData = 1,

    /// <summary>Every Backfill request of the link is Complete.</summary>
    HistoryComplete = 2,

    /// <summary>The utility refused the PIN of a new link (or the stored PIN could not be read).</summary>
    PinNotAccepted = 3,

    /// <summary>The utility refused a PIN that worked before.</summary>
    AccessRevoked = 4,

    /// <summary>The Service ID is no longer active (meter swap, rate change).</summary>
    ServiceInactive = 5,
}
