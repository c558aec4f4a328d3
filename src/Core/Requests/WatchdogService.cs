using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// Callbacks can be lost. A Submitted request with no callback after
/// <see cref="DispatchOptions.CallbackTimeoutHours"/> goes back to Pending with backoff, keeping its
/// requestId so a late callback still matches; after <see cref="DispatchOptions.MaxAttempts"/> sends it Fails.
/// </summary>
public sealed class WatchdogService(
    IDbContextFactory<PortalDbContext> dbFactory,
    RateBudget budget,
    RequestStatusNotifier notifier,
    TimeProvider time,
    IOptions<DispatchOptions> options)
{
    private readonly DispatchOptions settings = options.Value;

    public async Task<WatchdogResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var timeout = TimeSpan.FromHours(settings.CallbackTimeoutHours);
        var cutoff = now - timeout;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var overdue = await db.DataRequests
            .Where(r => r.Status == RequestStatus.Submitted && r.SubmittedAt < cutoff)
            .ToListAsync(cancellationToken);

        var failed = 0;
        foreach (var request in overdue)
        {
            if (request.Attempts >= settings.MaxAttempts)
            {
                request.MoveTo(RequestStatus.Failed, now, ReasonCode.TimeoutGaveUp);
                failed++;
            }
            else
            {
                request.Requeue(now, now + settings.Backoff(request.Attempts), ReasonCode.Timeout);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A callback landed for one of them meanwhile; the next run re-reads the rest.
            return new WatchdogResult(0, 0);
        }

        foreach (var request in overdue)
        {
            notifier.Notify(new RequestStatusChange(request.LinkId, request.Id));
        }

        // Slots only feed staff figures after their window; a week is plenty.
        await budget.PurgeAsync(TimeSpan.FromDays(7), cancellationToken);
        return new WatchdogResult(overdue.Count - failed, failed);
    }
}
