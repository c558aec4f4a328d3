using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GbcPortal.Simulator.Delivery;

/// <summary>
/// The background queue of callbacks. Each accepted request waits its drawn delay on its own
/// timer (a delay of hours must not hold up others), then is delivered at least once: retried
/// on the configured schedule until a 200, maybe lost the first time, maybe sent twice.
/// </summary>
internal sealed class DeliveryScheduler(
    CallbackComposer composer,
    CallbackSender sender,
    SimulatorMetrics metrics,
    SimulatorOptions options,
    TimeProvider time,
    ILogger<DeliveryScheduler> logger) : BackgroundService
{
    private readonly Channel<DeliveryJob> _queue = Channel.CreateUnbounded<DeliveryJob>();
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    public void Enqueue(DeliveryJob job)
    {
        if (!_queue.Writer.TryWrite(job))
            throw new InvalidOperationException("The simulator is stopping.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                var task = RunAsync(job, stoppingToken);
                _running[task] = true;
                _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(_running.Keys).ConfigureAwait(false);
    }

    private async Task RunAsync(DeliveryJob job, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(job.Delay, time, stoppingToken).ConfigureAwait(false);
            var (body, contentType) = composer.Compose(job);
            var delivered = false;
            for (var attempt = 0; attempt <= options.RetryDelays.Length && !delivered; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(options.RetryDelays[attempt - 1], time, stoppingToken).ConfigureAwait(false);
                    metrics.CallbackRetried();
                }
                if (attempt == 0 && job.LoseFirstAttempt)
                    continue; // lost on the way: the Requestor never sees it
                metrics.CallbackSent();
                delivered = await sender.PostAsync(job, body, contentType, stoppingToken).ConfigureAwait(false);
            }

            if (!delivered)
            {
                logger.LogWarning("Callback {UtilityRequestId} given up after {Attempts} attempts", job.UtilityRequestId, options.RetryDelays.Length + 1);
                return;
            }
            if (job.Duplicate)
            {
                metrics.CallbackSent();
                await sender.PostAsync(job, body, contentType, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A delivery bug must not take the simulator down; the Requestor's watchdog resubmits.
            logger.LogError(e, "Callback {UtilityRequestId} failed", job.UtilityRequestId);
        }
    }
}
