using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// Keeps this process's row in <c>Dispatchers</c> fresh, so other instances can tell its claims from a dead
/// process's, and deletes it on a clean stop so they need not wait for the heartbeat to age.
/// </summary>
public sealed class DispatcherHeartbeat(
    IDbContextFactory<PortalDbContext> dbFactory,
    DispatcherIdentity self,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<DispatcherHeartbeat> logger) : BackgroundService
{
    /// <summary>Writes the heartbeat now (also called by every dispatch run, so a claim never predates it).</summary>
    public async Task BeatAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.Dispatchers.Where(d => d.Id == self.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.HeartbeatAt, now), cancellationToken);
        if (updated == 0)
        {
            db.Dispatchers.Add(new DispatcherRow { Id = self.Id, StartedAt = now, HeartbeatAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another run of this process inserted it meanwhile.
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Dispatchers.Where(d => d.Id == self.Id).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not remove dispatcher {Id} on stop; others take it as dead once its heartbeat ages", self.Id);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await BeatAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away (a restart, say): beat again at the next tick.
                logger.LogWarning("Dispatcher heartbeat failed: {Error}", e.Message);
            }

            try
            {
                await Task.Delay(every, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
