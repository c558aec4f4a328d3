namespace GbcPortal.Core.Persistence;

/// <summary>
/// A running dispatcher (one per portal process) and its heartbeat. A request claimed by a dispatcher
/// whose heartbeat stopped goes back to the queue without waiting for the callback watchdog.
/// </summary>
public class DispatcherRow
{
    public required string Id { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset HeartbeatAt { get; set; }
}
