using GbcPortal.Core.Audit;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Linking;

/// <summary>Staff's side of links held for review: the list, and the decision (keep both, keep this one, refuse).</summary>
public sealed class LinkReviews(IDbContextFactory<PortalDbContext> dbFactory, RequestStatusNotifier notifier, TimeProvider time)
{
    public async Task<IReadOnlyList<ReviewRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var held = await db.ServiceLinks.AsNoTracking().Where(l => l.NeedsReview && l.Status != LinkStatus.Unlinked)
            .OrderBy(l => l.StatusChangedAt).Take(100)
            .Select(l => new { l.Id, l.ServiceId, l.OwnerId, l.Owner!.Email, l.ReviewReason, l.CreatedAt })
            .ToListAsync(cancellationToken);
        var serviceIds = held.Select(h => h.ServiceId).Distinct().ToList();
        // By Service ID alone, the live ones kept here: with the status in the query SQLite walked every active link by
        // the status index instead of the few links of these Service IDs (a Service ID has only a few links).
        var others = (await db.ServiceLinks.AsNoTracking()
            .Where(l => serviceIds.Contains(l.ServiceId))
            .Select(l => new { l.Id, l.ServiceId, l.Owner!.Email, l.Status })
            .ToListAsync(cancellationToken))
            .Where(l => l.Status is LinkStatus.Pending or LinkStatus.Active).ToList();
        return held.Select(h => new ReviewRow(h.Id, h.ServiceId, h.OwnerId, h.Email, h.ReviewReason, h.CreatedAt,
            others.Where(o => o.ServiceId == h.ServiceId && o.Id != h.Id).Select(o => $"{o.Email} ({o.Status})").ToList())).ToList();
    }

    /// <summary>Applies a decision to a link under review; false when it is not (or no longer) under review.</summary>
    public async Task<bool> DecideAsync(int linkId, ReviewDecision decision, string staffUserId, string? ip,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ServiceLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.NeedsReview, cancellationToken);
        if (link is null)
        {
            return false;
        }

        var changed = new List<ServiceLink> { link };
        switch (decision)
        {
            case ReviewDecision.KeepBoth:
                Release(link, now);
                break;
            case ReviewDecision.KeepThisOne:
                Release(link, now);
                var others = await db.ServiceLinks.Where(l => l.ServiceId == link.ServiceId && l.Id != link.Id
                    && l.Status != LinkStatus.Unlinked && l.Status != LinkStatus.Refused).ToListAsync(cancellationToken);
                foreach (var other in others)
                {
                    await RefuseAsync(db, other, now, cancellationToken);
                }

                changed.AddRange(others);
                break;
            default:
                await RefuseAsync(db, link, now, cancellationToken);
                break;
        }

        AuditLog.Add(db, now, AuditAction.ReviewDecided, staffUserId, link.OwnerId, link.ServiceId, ip,
            $"{decision} for link {link.Id} ({link.ReviewReason ?? "review"}).");
        await db.SaveChangesAsync(cancellationToken);
        foreach (var each in changed)
        {
            notifier.Notify(new RequestStatusChange(each.Id));
        }

        return true;
    }

    private static void Release(ServiceLink link, DateTimeOffset now)
    {
        link.NeedsReview = false;
        link.ReviewedAt = now;
    }

    // Like an unlink, by staff: requests stop and the PIN is deleted; the customer's card says why.
    private static async Task RefuseAsync(PortalDbContext db, ServiceLink link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.DataRequests.Where(r => r.LinkId == link.Id
            && (r.Status == RequestStatus.Pending || r.Status == RequestStatus.Paused || r.Status == RequestStatus.Submitted))
            .ToListAsync(cancellationToken);
        foreach (var request in open)
        {
            request.MoveTo(RequestStatus.Cancelled, now, ReasonCode.RefusedByStaff);
        }

        link.ProtectedPin = null;
        link.NeedsReview = false;
        link.MoveTo(LinkStatus.Refused, now, ReasonCode.RefusedByStaff);
    }
}

/// <summary>A link under review as staff see it, with the other accounts live on the same Service ID.</summary>
public sealed record ReviewRow(int LinkId, string ServiceId, string OwnerId, string? OwnerEmail, string? Reason, DateTimeOffset LinkedAt,
    IReadOnlyList<string> OtherAccounts);
