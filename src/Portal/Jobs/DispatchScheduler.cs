using Hangfire;

namespace GbcPortal.Portal.Jobs;

/// <summary>
/// Keeps at most one dispatch run scheduled per process: the earliest moment anyone asked for.
/// Waiting for budget is a scheduled job, never a sleeping worker, and many triggers (a new
/// link, a requeue, a run that stopped at the limit) collapse into one run.
/// </summary>
public sealed class DispatchScheduler(IBackgroundJobClient jobs, TimeProvider time)
{
    // A run scheduled this long ago that never started is taken as lost (deleted from the dashboard, say).
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    private readonly Lock _gate = new();
    private DateTimeOffset? _scheduledFor;

    /// <summary>Makes sure a dispatch runs at <paramref name="when"/> or earlier.</summary>
    public void RunAt(DateTimeOffset when)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_scheduledFor is { } pending && pending <= when && pending > now - Stale)
                return;
            _scheduledFor = when;
        }
        if (when <= now)
            jobs.Enqueue<DispatchJob>(job => job.RunAsync(CancellationToken.None));
        else
            jobs.Schedule<DispatchJob>(job => job.RunAsync(CancellationToken.None), when);
    }

    public void RunNow() => RunAt(time.GetUtcNow());

    /// <summary>A run is starting: whatever was scheduled up to now is being served by it.</summary>
    public void Starting()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_scheduledFor <= now)
                _scheduledFor = null;
        }
    }
}
