using GbcPortal.Core.Requests;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Jobs;

/// <summary>
/// Every portal process runs its own dispatcher loop: at the time <see cref="DispatchScheduler"/> was asked
/// for, and at least every <see cref="DispatchOptions.IdlePollSeconds"/> (new work from another instance, a dead
/// instance's claims to put back). The budget's database lock keeps any number of them within the rate.
/// What asks for a run between the minutes of the recurring job: a link or request that changes, staff resuming
/// dispatch, and the start itself (whatever was left pending when the portal last stopped), so a new link's first
/// request or a resumed backlog goes out in seconds rather than at the next minute.
/// </summary>
public sealed class DispatchPump(
    IServiceScopeFactory scopes,
    DispatchScheduler scheduler,
    RequestStatusNotifier notifier,
    DispatchControlService control,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<DispatchPump> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        notifier.Changed += OnChanged;
        control.Resumed += scheduler.RunNow;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.Changed -= OnChanged;
        control.Resumed -= scheduler.RunNow;
        await base.StopAsync(cancellationToken);
    }

    private void OnChanged(RequestStatusChange change) => scheduler.RunNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromSeconds(options.Value.IdlePollSeconds);
        var lastRun = DateTimeOffset.MinValue; // the first run is at once: whatever was pending when the portal stopped
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
            DispatchJob.Log(logger, result);
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
