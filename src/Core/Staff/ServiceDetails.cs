using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Staff;

/// <summary>Reads one service for the staff service page.</summary>
public sealed class ServiceDetails(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<ServiceDetail?> GetAsync(int linkId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ServiceLinks.AsNoTracking().Where(l => l.Id == linkId)
            .Select(l => new { Link = l, l.Owner!.Email })
            .SingleOrDefaultAsync(cancellationToken);
        if (link is null)
        {
            return null;
        }

        var requests = await db.DataRequests.AsNoTracking().Where(r => r.LinkId == linkId)
            .OrderByDescending(r => r.WindowStart).ThenByDescending(r => r.Id)
            .Select(r => new ServiceRequestRow(r.Id, r.Kind, r.Status, r.WindowStart, r.WindowEnd, r.Attempts, r.OutcomeReason, r.UtilityMessage, r.CreatedAt,
                r.SubmittedAt, r.CompletedAt, r.FailedAt, r.StatusChangedAt, r.ReadingsStored, r.ReadingsSkipped))
            .ToListAsync(cancellationToken);
        // Bodies stay where they are: the page shows what the ingest made of each callback, not its payload.
        var callbacks = await db.CallbackInbox.AsNoTracking().Where(c => c.DataRequest!.LinkId == linkId)
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .Select(c => new ServiceCallbackRow(c.Id, c.DataRequestId, c.ReceivedAt, c.State, c.Problem, c.Detail, c.Count, c.ProcessedAt, c.Attempts))
            .ToListAsync(cancellationToken);
        var l = link.Link;
        return new ServiceDetail(l.Id, l.ServiceId, l.OwnerId, link.Email, l.Status, l.StatusReason, l.UtilityMessage, l.NeedsReview, l.TimeZoneId, l.CreatedAt,
            l.StatusChangedAt, l.CoveredFrom, l.CoveredTo, l.LastCompleteReadingAt, requests, callbacks);
    }
}
