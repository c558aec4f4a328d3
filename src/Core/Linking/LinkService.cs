using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Linking;

/// <summary>
/// A customer's links: linking a Service ID with its PIN (which plans its requests), a new PIN, unlinking.
/// Every method checks that the link belongs to <c>ownerId</c>.
/// </summary>
public sealed class LinkService(
    IDbContextFactory<PortalDbContext> dbFactory,
    PinProtector pins,
    LinkInputRules rules,
    RequestPlanner planner,
    RequestStatusNotifier notifier,
    TimeProvider time)
{
    private const string ConflictReason = "Another customer also holds a live link to this Service ID.";

    /// <summary>
    /// Links a Service ID, or gives the customer's existing link to it the new PIN. When another customer
    /// holds a live link to the same Service ID, both are flagged for staff (<see cref="LinkResult.NeedsReview"/>).
    /// </summary>
    public async Task<LinkResult> LinkAsync(string ownerId, string? serviceId, string? pin, CancellationToken cancellationToken = default)
    {
        if (rules.ValidateServiceId(serviceId) is { } serviceIdError)
        {
            return LinkResult.Invalid("ServiceId", serviceIdError);
        }

        if (rules.ValidatePin(pin) is { } pinError)
        {
            return LinkResult.Invalid("Pin", pinError);
        }

        var normalized = LinkInputRules.NormalizeServiceId(serviceId);
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ServiceLinks.SingleOrDefaultAsync(l => l.OwnerId == ownerId && l.ServiceId == normalized, cancellationToken);
        var created = link is null;
        if (link is null)
        {
            link = new ServiceLink { OwnerId = ownerId, ServiceId = normalized, Status = LinkStatus.Pending, CreatedAt = now, StatusChangedAt = now };
            db.ServiceLinks.Add(link);
            link.ProtectedPin = pins.Protect(LinkInputRules.NormalizePin(pin));
            link.Requests.AddRange(planner.PlanNewLink(now).Select(w => w.ToRequest(0, now)));
        }
        else
        {
            await ApplyNewPinAsync(db, link, LinkInputRules.NormalizePin(pin), now, cancellationToken);
        }

        var needsReview = await FlagConflictsAsync(db, link, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        notifier.Notify(new RequestStatusChange(link.Id));
        return new LinkResult(created ? LinkResultKind.Created : LinkResultKind.Updated, link.Id, needsReview);
    }

    /// <summary>A new PIN for a link (after <i>PIN not accepted</i> or <i>Access revoked</i>); re-queues what waited for it.</summary>
    public async Task<LinkResult> UpdatePinAsync(string ownerId, int linkId, string? pin, CancellationToken cancellationToken = default)
    {
        if (rules.ValidatePin(pin) is { } pinError)
        {
            return LinkResult.Invalid("Pin", pinError);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ServiceLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.OwnerId == ownerId, cancellationToken);
        if (link is null || link.Status == LinkStatus.Unlinked)
        {
            return LinkResult.NotFound;
        }

        await ApplyNewPinAsync(db, link, LinkInputRules.NormalizePin(pin), time.GetUtcNow(), cancellationToken);
        var needsReview = await FlagConflictsAsync(db, link, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        notifier.Notify(new RequestStatusChange(link.Id));
        return new LinkResult(LinkResultKind.Updated, link.Id, needsReview);
    }

    /// <summary>Stops every request of the link (Cancelled) and deletes its PIN. Readings already stored stay.</summary>
    public async Task<bool> UnlinkAsync(string ownerId, int linkId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ServiceLinks.Include(l => l.Requests.Where(r =>
                r.Status == RequestStatus.Pending || r.Status == RequestStatus.Paused || r.Status == RequestStatus.Submitted))
            .SingleOrDefaultAsync(l => l.Id == linkId && l.OwnerId == ownerId, cancellationToken);
        if (link is null)
        {
            return false;
        }

        link.ProtectedPin = null;
        link.MoveTo(LinkStatus.Unlinked, now, LinkTransitions.UnlinkedReason);
        foreach (var request in link.Requests)
        {
            request.MoveTo(RequestStatus.Cancelled, now, "Unlinked by the customer.");
        }

        await db.SaveChangesAsync(cancellationToken);
        notifier.Notify(new RequestStatusChange(link.Id));
        return true;
    }

    /// <summary>Staff have looked at a flagged link.</summary>
    public async Task<bool> ClearReviewAsync(int linkId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ServiceLinks.Where(l => l.Id == linkId && l.NeedsReview)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.NeedsReview, false).SetProperty(l => l.ReviewReason, (string?)null)
                .SetProperty(l => l.Version, l => l.Version + 1), cancellationToken) > 0;
    }

    private async Task ApplyNewPinAsync(PortalDbContext db, ServiceLink link, string pin, DateTimeOffset now, CancellationToken cancellationToken)
    {
        link.ProtectedPin = pins.Protect(pin);
        var open = await db.DataRequests.Where(r => r.LinkId == link.Id
            && (r.Status == RequestStatus.Pending || r.Status == RequestStatus.Paused)).ToListAsync(cancellationToken);
        switch (link.Status)
        {
            case LinkStatus.Unlinked or LinkStatus.Rejected or LinkStatus.Inactive:
                // Linked again from scratch: a fresh plan, as for a new link.
                foreach (var request in open)
                {
                    request.MoveTo(RequestStatus.Cancelled, now, "Replaced by a new plan.");
                }

                link.MoveTo(LinkStatus.Pending, now, null);
                link.Requests.AddRange(planner.PlanNewLink(now).Select(w => w.ToRequest(link.Id, now)));
                break;
            case LinkStatus.PinNotAccepted or LinkStatus.AccessRevoked:
                link.MoveTo(LinkStatus.Pending, now, LinkTransitions.CheckingPinReason);
                Requeue(open, now);

                // Whatever failed (possibly an off-peak refresh), the customer learns quickly whether the new PIN works.
                if (!open.Any(r => r.Kind == RequestKind.Verify))
                {
                    link.Requests.Add(planner.PlanVerify(now).ToRequest(link.Id, now));
                }

                break;
            default:
                Requeue(open, now);
                break;
        }
    }

    private static void Requeue(IEnumerable<DataRequest> requests, DateTimeOffset now)
    {
        foreach (var request in requests.Where(r => r.Status == RequestStatus.Paused))
        {
            request.Requeue(now, now, "Re-queued with the new PIN.");
        }
    }

    private static async Task<bool> FlagConflictsAsync(PortalDbContext db, ServiceLink link, CancellationToken cancellationToken)
    {
        var others = await db.ServiceLinks.Where(l => l.ServiceId == link.ServiceId && l.OwnerId != link.OwnerId
            && (l.Status == LinkStatus.Pending || l.Status == LinkStatus.Active)).ToListAsync(cancellationToken);
        foreach (var other in others.Append(others.Count > 0 ? link : null).OfType<ServiceLink>())
        {
            other.NeedsReview = true;
            other.ReviewReason = ConflictReason;
        }

        return others.Count > 0;
    }
}
