namespace GbcPortal.Core.Persistence;

/// <summary>The single row of dispatch-wide state: staff pause, global backoff, alerts, the rate in force.</summary>
public class DispatchControl
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public bool Paused { get; set; }

    /// <summary>Why dispatch is paused (a code; <see cref="Usage.StatusSentences.Paused"/> says it).</summary>
    public DispatchReason? PauseReason { get; set; }

    public DateTimeOffset? PausedAt { get; set; }

    /// <summary>Nothing is sent before this instant (after a 429 or 503 from the utility).</summary>
    public DateTimeOffset? HoldUntil { get; set; }

    /// <summary>
    /// Something staff must look at (certificate refused, dropped connections, invalid request); cleared by staff.
    /// A code with its values beside it; <see cref="Usage.StatusSentences.Alert"/> says it.
    /// </summary>
    public DispatchReason? AlertReason { get; set; }

    /// <summary>The request the utility called invalid (<see cref="DispatchReason.InvalidRequest"/>).</summary>
    public int? AlertRequestId { get; set; }

    /// <summary>How many connections in a row the utility closed without an answer (<see cref="DispatchReason.ConnectionsDropped"/>).</summary>
    public int? AlertCount { get; set; }

    /// <summary>What the utility said in its own words, when it said anything.</summary>
    public string? AlertUtilityMessage { get; set; }

    public DateTimeOffset? AlertAt { get; set; }

    /// <summary>
    /// The utility's limit in force (sends per <c>Dispatch:WindowSeconds</c>), set by staff on /staff when the utility
    /// changes it; null means the configured <c>Dispatch:RequestsPerWindow</c>. Every instance's budget reads it per take.
    /// </summary>
    public int? RequestsPerWindow { get; set; }

    public long Version { get; set; }
}
