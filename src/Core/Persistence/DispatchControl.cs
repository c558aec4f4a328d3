namespace GbcPortal.Core.Persistence;

/// <summary>The single row of dispatch-wide state: staff pause, global backoff, alerts, the rate in force.</summary>
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

    /// <summary>
    /// The utility's limit in force (sends per <c>Dispatch:WindowSeconds</c>), set by staff on /staff when the utility
    /// changes it; null means the configured <c>Dispatch:RequestsPerWindow</c>. Every instance's budget reads it per take.
    /// </summary>
    public int? RequestsPerWindow { get; set; }

    public long Version { get; set; }
}
