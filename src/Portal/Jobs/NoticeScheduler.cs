using GbcPortal.Core.Requests;
using Hangfire;

namespace GbcPortal.Portal.Jobs;

/// <summary>
/// Kicks the outbox when a link or request changes (a change may have recorded a notice): one run scheduled a
/// moment later serves every change until then, so a burst of ingests makes one job, not hundreds.
/// </summary>
public sealed class NoticeScheduler(IBackgroundJobClient jobs, RequestStatusNotifier notifier, TimeProvider time) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        notifier.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private static readonly TimeSpan Gather = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private DateTimeOffset _scheduledFor = DateTimeOffset.MinValue;

    public void OnChanged(RequestStatusChange change)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            // A run already scheduled after now sees this change's committed rows.
            if (_scheduledFor > now)
                return;
            _scheduledFor = now + Gather;
        }
        jobs.Schedule<NoticeJob>(job => job.RunAsync(CancellationToken.None), Gather);
    }
}
