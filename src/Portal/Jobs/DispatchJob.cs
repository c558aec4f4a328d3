using GbcPortal.Core.Requests;
using Hangfire;

namespace GbcPortal.Portal.Jobs;

/// <summary>
/// The once-a-minute recurring run: a backstop beside every process's <see cref="DispatchPump"/>, which
/// does the timely work. Runs alongside it safely (the budget's lock), then tells the pump when work is due.
/// </summary>
public sealed class DispatchJob(DispatchService dispatch, DispatchScheduler scheduler, ILogger<DispatchJob> logger)
{
    // A failed run is not retried: the pump and the next recurring run do the same work.
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Dispatch pending requests")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await dispatch.DispatchAsync(cancellationToken);
        Log(logger, result);
        if (result.NextRunAt is { } next)
            scheduler.RunAt(next);
    }

    /// <summary>A run that sent or stopped says so (the pump's runs and this one alike).</summary>
    internal static void Log(ILogger logger, DispatchResult result)
    {
        if (result.Sent > 0 || result.Halted is not null)
            logger.LogInformation("Dispatch sent {Sent}; next run {NextRunAt}; halted: {Halted}", result.Sent, result.NextRunAt, result.Halted);
    }
}
