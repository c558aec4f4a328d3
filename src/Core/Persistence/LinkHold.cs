namespace GbcPortal.Core.Persistence;

/// <summary>
/// New link attempts for a Service ID, or by an account, are not sent to the utility until <see cref="Until"/>
/// (placed after too many refusals) or until staff lift it.
/// </summary>
public class LinkHold
{
    public int Id { get; set; }

    public HoldScope Scope { get; set; }

    /// <summary>The Service ID held (scope <see cref="HoldScope.ServiceId"/>).</summary>
    public string? ServiceId { get; set; }

    /// <summary>The account held (scope <see cref="HoldScope.Account"/>); for a Service ID hold, the account whose refusal placed it.</summary>
    public string? OwnerId { get; set; }

    public int Refusals { get; set; }

    public DateTimeOffset PlacedAt { get; set; }

    public DateTimeOffset Until { get; set; }

    public DateTimeOffset? LiftedAt { get; set; }

    public string? LiftedByUserId { get; set; }

    public bool IsActive(DateTimeOffset now) => LiftedAt is null && Until > now;
}
