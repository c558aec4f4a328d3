namespace GbcPortal.Core.Persistence;

/// <summary>The single row of dispatch-wide state: staff pause, global backoff, alerts.</summary>
public class DispatchControl
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public bool Paused { get; set; }

    public string? PausedReason { get; set; }

    public DateTimeOffset? PausedAt { get; set; }

    /// <summary>Nothing is sent before this instant (after a 429 or 503 from the utility).</summary>
    public DateTimeOffset? HoldUntil { get; set; }

    /// <summary>Something staff must look at (certificate refused, invalid request); cleared by staff.</summary>
    public string? Alert { get; set; }

    public DateTimeOffset? AlertAt { get; set; }

    public long Version { get; set; }
}
