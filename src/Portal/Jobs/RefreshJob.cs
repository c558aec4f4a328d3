using GbcPortal.Core.Requests;
using Hangfire;

namespace GbcPortal.Portal.Jobs;

/// <summary>Plans the night's refreshes within its capacity, stalest first; dispatch sends them through the off-peak window.</summary>
public sealed class RefreshJob(RequestPlanner planner, DispatchScheduler dispatch, ILogger<RefreshJob> logger)
{
    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("Plan the night's refreshes")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var planned = await planner.PlanRefreshesAsync(cancellationToken);
        logger.LogInformation("Planned {Count} refresh requests", planned);
        if (planned > 0)
            dispatch.RunNow();
    }
}
