namespace GbcPortal.Core.Persistence;

/// <summary>
/// One send taken from the global rate budget. The budget is the count of slots in the last window,
/// held in the database so every worker and every instance shares it.
/// </summary>
public class RateSlot
{
    public long Id { get; set; }

    public DateTimeOffset TakenAt { get; set; }

    public int? DataRequestId { get; set; }

    /// <summary>The request's kind and its owner's account, copied when the slot is taken: staff's traffic panel counts slots without reading requests.</summary>
    public RequestKind? Kind { get; set; }

    public string? OwnerId { get; set; }

    /// <summary>
    /// Set when the request it was taken for never left (its dispatcher stopped before the POST, or the run
    /// stopped early): the utility never saw it, so it no longer counts against the window, and staff see the count.
    /// </summary>
    public DateTimeOffset? ReturnedAt { get; set; }
}
