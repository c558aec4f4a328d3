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
}
