namespace GbcPortal.Portal.Jobs;

/// <summary>
/// When this process's dispatcher (<see cref="DispatchPump"/>) should run next: the earliest moment anyone
/// asked for. Waiting for budget is a timer in the pump, never a sleeping worker nor a Hangfire schedule,
/// so dispatch runs on time whatever becomes of Hangfire's locks; many triggers (a new link, a requeue, a
/// run that stopped at the limit) collapse into one run.
/// </summary>
public sealed class DispatchScheduler(TimeProvider time)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(3);

    private readonly Lock _gate = new();
    private DateTimeOffset? _asked;
    private TaskCompletionSource _earlier = NewSignal();

    /// <summary>Makes sure a dispatch runs at <paramref name="when"/> or earlier.</summary>
    public void RunAt(DateTimeOffset when)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (_asked is { } asked && asked <= when)
                return;
            _asked = when;
            (signal, _earlier) = (_earlier, NewSignal());
        }
        signal.TrySetResult();
    }

    public void RunNow() => RunAt(time.GetUtcNow());

    /// <summary>After a failed run: again shortly, not at once, so a persistent fault does not spin.</summary>
    public void RunSoon() => RunAt(time.GetUtcNow() + RetryDelay);

    /// <summary>The earliest time asked for (null when none), and a task that completes when an earlier one is asked.</summary>
    public (DateTimeOffset? Asked, Task Earlier) Peek()
    {
        lock (_gate)
            return (_asked, _earlier.Task);
    }

    /// <summary>A run is starting: whatever was asked for up to now is served by it.</summary>
    public void Starting()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_asked <= now)
                _asked = null;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
