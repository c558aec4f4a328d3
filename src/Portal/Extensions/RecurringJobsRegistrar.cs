using GbcPortal.Core.Audit;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Notifications;
using GbcPortal.Core.Requests;
using GbcPortal.Portal.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Extensions;

/// <summary>
/// Registers the recurring jobs at start (AddOrUpdate is idempotent across restarts and instances)
/// and kicks dispatch whenever a link or request changes or staff resume dispatch, so a new link's
/// first request (or a resumed backlog) goes out in seconds rather than at the next minute.
/// </summary>
public sealed class RecurringJobsRegistrar(
    IRecurringJobManager recurring,
    IOptions<JobsOptions> options,
    IOptions<AuditOptions> audit,
    IOptions<NoticeOptions> notices,
    NoticeScheduler noticeScheduler,
    IOptions<IngestOptions> ingest,
    RequestStatusNotifier notifier,
    DispatchControlService control,
    DispatchScheduler dispatch) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var jobs = options.Value;
        if (jobs.RegisterRecurringJobs)
        {
            recurring.AddOrUpdate<DispatchJob>("dispatch", job => job.RunAsync(CancellationToken.None), jobs.DispatchCron);
            recurring.AddOrUpdate<WatchdogJob>("watchdog", job => job.RunAsync(CancellationToken.None), jobs.WatchdogCron);
            // Pacific off-peak (6 pm to 6 am) in the utility's zone, DST included, whatever the server's zone.
            recurring.AddOrUpdate<RefreshJob>("refresh", job => job.RunAsync(CancellationToken.None), jobs.RefreshCron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(jobs.RefreshTimeZone) });
            recurring.AddOrUpdate<BacklogSampleJob>("backlog-sample", job => job.RunAsync(CancellationToken.None), jobs.BacklogSampleCron);
            recurring.AddOrUpdate<AuditPurgeJob>("audit-purge", job => job.RunAsync(CancellationToken.None), audit.Value.PurgeCron);
            recurring.AddOrUpdate<NoticeJob>("service-emails", job => job.RunAsync(CancellationToken.None), notices.Value.DrainCron);
            recurring.AddOrUpdate<BodyRetentionJob>("body-retention", job => job.RunAsync(CancellationToken.None), ingest.Value.BodyRetentionCron);
        }
        notifier.Changed += OnChanged;
        notifier.Changed += noticeScheduler.OnChanged;
        control.Resumed += dispatch.RunNow;
        dispatch.RunNow(); // whatever was left pending when the portal last stopped
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.Changed -= OnChanged;
        notifier.Changed -= noticeScheduler.OnChanged;
        control.Resumed -= dispatch.RunNow;
        return Task.CompletedTask;
    }

    private void OnChanged(RequestStatusChange change) => dispatch.RunNow();
}
