using Hangfire;

namespace GbcPortal.Portal.Jobs;

/// <summary>
/// Keeps at most one dispatch run scheduled per process: the earliest moment anyone asked for.
/// Waiting for budget is a scheduled job, never a sleeping worker, and many triggers (a new
/// link, a requeue, a run that stopped at the limit) collapse into one run.
/// </summary>
public sealed class DispatchScheduler(IBackgroundJobClient jobs, TimeProvider time)
{
    // Once its time has passed, a marker only holds back new runs for as long as a queued run takes to
    // be picked up (queue polling, a busy worker). After that the run is taken as lost (deleted from the
    // dashboard, a worker that died, a run that started early and never cleared it) and a trigger
    // schedules a fresh one: a stale marker can never block dispatch.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(3);

    private readonly Lock _gate = new();
    private DateTimeOffset? _scheduledFor;

    /// <summary>Makes sure a dispatch runs at <paramref name="when"/> or earlier.</summary>
    public void RunAt(DateTimeOffset when)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_scheduledFor is { } pending && pending <= when && pending + Grace > now)
                return;
            _scheduledFor = when;
        }
        if (when <= now)
            jobs.Enqueue<DispatchJob>(job => job.RunAsync(CancellationToken.None));
        else
            jobs.Schedule<DispatchJob>(job => job.RunAsync(CancellationToken.None), NextWholeSecond(when));
    }

    public void RunNow() => RunAt(time.GetUtcNow());

    /// <summary>After a failed run: again shortly, not at once, so a persistent fault does not spin.</summary>
    public void RunSoon() => RunAt(time.GetUtcNow() + RetryDelay);

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

    // Hangfire files a scheduled job under its time in whole seconds (truncated) and moves it to the queue
    // once that second has begun, so a run asked for at 12:00:05.7 could start at 12:00:05.1: before its
    // marker's time, so Starting() kept the marker, the run found the budget still full and asked for
    // 12:00:05.7 again, which the marker swallowed — no run scheduled at all. Rounding up makes every
    // scheduled run start at or after the time it was asked for.
    private static DateTimeOffset NextWholeSecond(DateTimeOffset when)
    {
        var remainder = when.UtcTicks % TimeSpan.TicksPerSecond;
        return remainder == 0 ? when : when.AddTicks(TimeSpan.TicksPerSecond - remainder);
    }
}
