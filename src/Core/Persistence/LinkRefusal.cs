namespace GbcPortal.Core.Persistence;

/// <summary>
/// The utility refused a link attempt (a PIN never proven, or an unknown Service ID). Counted per Service ID and
/// per account to stop the portal being used to guess PINs; never holds the PIN.
/// </summary>
public class LinkRefusal
{
    public long Id { get; set; }

    public required string OwnerId { get; set; }

    public required string ServiceId { get; set; }

    public RefusalKind Kind { get; set; }

    public DateTimeOffset At { get; set; }
}
