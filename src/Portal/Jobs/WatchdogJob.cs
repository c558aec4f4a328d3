using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Portal.Jobs;

/// <summary>
/// Resubmits requests whose callback never came, and re-queues the ingest of callbacks that were
/// stored but never processed (the process died between storing and queueing, say).
/// </summary>
public sealed class WatchdogJob(
    WatchdogService watchdog,
    IDbContextFactory<PortalDbContext> databases,
    IBackgroundJobClient jobs,
    DispatchScheduler dispatch,
    TimeProvider time,
    ILogger<WatchdogJob> logger)
{
    private static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(10);

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Watchdog: overdue requests and unprocessed callbacks")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await watchdog.RunAsync(cancellationToken);
        if (result.Resubmitted > 0)
            dispatch.RunNow();

        var cutoff = time.GetUtcNow() - StuckAfter;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var stuck = await db.CallbackInbox
            .Where(c => (c.State == InboxState.Received || c.State == InboxState.Processing) && c.ReceivedAt < cutoff)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var inboxId in stuck)
            jobs.Enqueue<IngestJob>(job => job.RunAsync(inboxId, CancellationToken.None));
        if (result.Resubmitted + result.Failed + stuck.Count > 0)
            logger.LogInformation("Watchdog: {Resubmitted} resubmitted, {Failed} failed, {Stuck} callbacks re-queued",
                result.Resubmitted, result.Failed, stuck.Count);
    }
}
