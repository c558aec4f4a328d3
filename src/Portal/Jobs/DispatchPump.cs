using GbcPortal.Core.Requests;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Jobs;

/// <summary>
/// Every portal process runs its own dispatcher loop: at the time <see cref="DispatchScheduler"/> was asked
/// for, and at least every <see cref="DispatchOptions.IdlePollSeconds"/> (new work from another instance, a dead
/// instance's claims to put back). The budget's database lock keeps any number of them within the rate.
/// </summary>
public sealed class DispatchPump(
    IServiceScopeFactory scopes,
    DispatchScheduler scheduler,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<DispatchPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromSeconds(options.Value.IdlePollSeconds);
        var lastRun = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var (asked, earlier) = scheduler.Peek();
            var now = time.GetUtcNow();
            var due = lastRun == DateTimeOffset.MinValue ? now : lastRun + idle;
            if (asked < due)
                due = asked.Value;
            if (due > now)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(earlier, Task.Delay(due - now, time, wait.Token));
                await wait.CancelAsync(); // the timer goes with the wait
                continue;
            }

            scheduler.Starting();
            lastRun = now;
            await RunOnceAsync(stoppingToken);
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<DispatchService>().DispatchAsync(stoppingToken);
            if (result.Sent > 0 || result.Halted is not null)
                logger.LogInformation("Dispatch sent {Sent}; next run {NextRunAt}; halted: {Halted}", result.Sent, result.NextRunAt, result.Halted);
            if (result.NextRunAt is { } next)
                scheduler.RunAt(next);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The database away (a restart), a lock timeout: try again in a few seconds, do not die.
            logger.LogWarning("Dispatch run failed, retrying shortly: {Error}", e.Message);
            scheduler.RunSoon();
        }
    }
}
