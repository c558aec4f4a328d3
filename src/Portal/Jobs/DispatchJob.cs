using GbcPortal.Core.Requests;
using Hangfire;

namespace GbcPortal.Portal.Jobs;

/// <summary>Sends what the global budget allows, then asks to run again when the dispatcher says work is due.</summary>
public sealed class DispatchJob(DispatchService dispatch, DispatchScheduler scheduler, ILogger<DispatchJob> logger)
{
    // A failed run is not retried: the next scheduled or recurring run does the same work.
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Dispatch pending requests")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        scheduler.Starting();
        DispatchResult result;
        try
        {
            result = await dispatch.DispatchAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A run that dies (a database locked under load, say) has already cleared its marker: without a
            // new one, dispatch would wait for the minute's recurring run. Try again in a few seconds.
            scheduler.RunSoon();
            throw;
        }
        if (result.Sent > 0 || result.Halted is not null)
            logger.LogInformation("Dispatch sent {Sent}; next run {NextRunAt}; halted: {Halted}", result.Sent, result.NextRunAt, result.Halted);
        if (result.NextRunAt is { } next)
            scheduler.RunAt(next);
    }
}
