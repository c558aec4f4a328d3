using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Requests;

/// <summary>Staff controls over dispatch, stored in the database so every instance obeys them.</summary>
public sealed class DispatchControlService(
    IDbContextFactory<PortalDbContext> dbFactory,
    RequestStatusNotifier notifier,
    TimeProvider time)
{
    public async Task<DispatchControl> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DispatchControl.AsNoTracking().SingleAsync(cancellationToken);
    }

    /// <summary>Staff pause: nothing is sent, on any instance, until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync(CancellationToken cancellationToken = default) =>
        UpdateAsync(c =>
        {
            c.Paused = true;
            c.PauseReason = DispatchReason.PausedByStaff;
            c.PausedAt = time.GetUtcNow();
        }, cancellationToken);

    /// <summary>
    /// Raised after <see cref="ResumeAsync"/>: resuming changes no request, so no status change would
    /// otherwise wake the dispatcher, and the backlog would wait for the next recurring run.
    /// </summary>
    public event Action? Resumed;

    /// <summary>Resumes sending; also clears a hold left by a 429 or 503.</summary>
    public async Task ResumeAsync(CancellationToken cancellationToken = default)
    {
        await UpdateAsync(c =>
        {
            c.Paused = false;
            c.PauseReason = null;
            c.PausedAt = null;
            c.HoldUntil = null;
        }, cancellationToken);
        Resumed?.Invoke();
    }

    public Task ClearAlertAsync(CancellationToken cancellationToken = default) =>
        UpdateAsync(c =>
        {
            (c.AlertReason, c.AlertUtilityMessage, c.AlertRequestId, c.AlertCount, c.AlertAt) = (null, null, null, null, null);
        }, cancellationToken);

    /// <summary>
    /// Staff retry: a Failed request (or a Paused one whose link is live again) goes back to Pending now,
    /// with a fresh attempt count. Returns false when the request cannot be retried.
    /// </summary>
    public async Task<bool> RetryRequestAsync(int dataRequestId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.DataRequests.Include(r => r.Link).SingleOrDefaultAsync(r => r.Id == dataRequestId, cancellationToken);
        var retryable = request?.Status == RequestStatus.Failed
            || (request?.Status == RequestStatus.Paused && request.Link!.Status is LinkStatus.Pending or LinkStatus.Active);
        if (request is null || !retryable || request.Link!.Status is LinkStatus.Unlinked)
        {
            return false;
        }

        request.Attempts = 0;
        request.Requeue(now, now, ReasonCode.RetriedByStaff);
        await db.SaveChangesAsync(cancellationToken);
        notifier.Notify(new RequestStatusChange(request.LinkId, request.Id));
        return true;
    }

    private async Task UpdateAsync(Action<DispatchControl> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            change(await db.DispatchControl.SingleAsync(cancellationToken));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // A dispatcher set a hold meanwhile; apply the staff change on top of it.
            }
        }
    }
}
