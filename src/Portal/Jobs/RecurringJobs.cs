using GbcPortal.Core.Audit;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Notifications;
using GbcPortal.Core.Usage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Jobs;

/// <summary>Registers the recurring jobs at start (AddOrUpdate is idempotent across restarts and instances).</summary>
public sealed class RecurringJobs(
    IRecurringJobManager recurring,
    IOptions<JobsOptions> options,
    IOptions<UtilityTimeZoneOptions> utility,
    IOptions<AuditOptions> audit,
    IOptions<NoticeOptions> notices,
    IOptions<IngestOptions> ingest) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var jobs = options.Value;
        if (!jobs.RegisterRecurringJobs)
            return Task.CompletedTask;
        recurring.AddOrUpdate<DispatchJob>("dispatch", job => job.RunAsync(CancellationToken.None), jobs.DispatchCron);
        recurring.AddOrUpdate<WatchdogJob>("watchdog", job => job.RunAsync(CancellationToken.None), jobs.WatchdogCron);
        // Before the off-peak window (6 pm to 6 am) in the utility's zone, DST included, whatever the server's zone.
        recurring.AddOrUpdate<RefreshJob>("refresh", job => job.RunAsync(CancellationToken.None), jobs.RefreshCron,
            new RecurringJobOptions { TimeZone = utility.Value.Zone });
        recurring.AddOrUpdate<BacklogSampleJob>("backlog-sample", job => job.RunAsync(CancellationToken.None), jobs.BacklogSampleCron);
        recurring.AddOrUpdate<AuditPurgeJob>("audit-purge", job => job.RunAsync(CancellationToken.None), audit.Value.PurgeCron);
        recurring.AddOrUpdate<NoticeJob>("service-emails", job => job.RunAsync(CancellationToken.None), notices.Value.DrainCron);
        recurring.AddOrUpdate<BodyRetentionJob>("body-retention", job => job.RunAsync(CancellationToken.None), ingest.Value.BodyRetentionCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
