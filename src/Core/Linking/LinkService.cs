using GbcPortal.Core.Audit;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
    TimeProvider time,
    IOptions<LinkingOptions> linking,
    IOptions<UtilityTimeZoneOptions> utility)
{
    private LinkingOptions Settings => linking.Value;

    private string Zone => utility.Value.TimeZone;

    /// <inheritdoc cref="LinkAsync(string, string?, string?, string?, CancellationToken)"/>
    public Task<LinkResult> LinkAsync(string ownerId, string? serviceId, string? pin, CancellationToken cancellationToken = default) =>
        LinkAsync(ownerId, serviceId, pin, null, cancellationToken);

    /// <summary>
    /// Links a Service ID, or gives the customer's existing link to it the new PIN, unless a hold, the account's link
    /// limit or an identical refused attempt says not to ask the utility (<see cref="LinkResultKind.Refused"/>). When
    /// another account holds a live link to the Service ID, the new link waits for staff (<see cref="LinkResult.NeedsReview"/>)
    /// and the earlier account is told on its card. <paramref name="ip"/> goes to the audit log.
    /// </summary>
    public Task<LinkResult> LinkAsync(string ownerId, string? serviceId, string? pin, string? ip, CancellationToken cancellationToken = default) =>
        LinkAsync(ownerId, serviceId, pin, ip, null, cancellationToken);

    /// <summary>
    /// Links the Service ID that replaces the owner's link <paramref name="replacesLinkId"/> (a meter swap or a rate
    /// change): the new link records it, and the usage pages show both as one history. A link that is not the
    /// owner's (or a file-only one, or the same Service ID) is refused before anything is sent.
    /// </summary>
    public async Task<LinkResult> LinkReplacementAsync(string ownerId, int replacesLinkId, string? serviceId, string? pin, string? ip,
        CancellationToken cancellationToken = default)
    {
        var old = await FindReplaceableAsync(ownerId, replacesLinkId, cancellationToken);
        if (old is null)
        {
            return LinkResult.NotFound;
        }

        if (LinkInputRules.NormalizeServiceId(serviceId) == old.ServiceId)
        {
            return LinkResult.Invalid("ServiceId", $"This is the Service ID being replaced. Enter the new Service ID from your latest bill.");
        }

        return await LinkAsync(ownerId, serviceId, pin, ip, old.Id, cancellationToken);
    }

    /// <summary>The owner's link a new Service ID may replace (not unlinked, not file-only), or null.</summary>
    public async Task<ServiceLink?> FindReplaceableAsync(string ownerId, int linkId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ServiceLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId && l.OwnerId == ownerId
            && l.Status != LinkStatus.Unlinked && l.Status != LinkStatus.FileOnly, cancellationToken);
    }

    private async Task<LinkResult> LinkAsync(string ownerId, string? serviceId, string? pin, string? ip, int? replacesLinkId,
        CancellationToken cancellationToken)
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
        var newPin = LinkInputRules.NormalizePin(pin);
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ServiceLinks.SingleOrDefaultAsync(l => l.OwnerId == ownerId && l.ServiceId == normalized, cancellationToken);
        var (refused, review) = await CheckAsync(db, ownerId, normalized, link, newPin, now, ip, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var created = link is null;
        var linked = link is null || !LinkAdmission.IsLiveOrWaiting(link.Status);
        if (link is null)
        {
            link = new ServiceLink { OwnerId = ownerId, ServiceId = normalized, Status = LinkStatus.Pending, CreatedAt = now, StatusChangedAt = now };
            db.ServiceLinks.Add(link);
            link.ProtectedPin = pins.Protect(newPin);
            link.Requests.AddRange(planner.PlanNewLink(now).Select(w => w.ToRequest(0, now)));
        }
        else
        {
            if (link.Status == LinkStatus.Refused)
            {
                review ??= ReviewReasons.RefusedBefore;
            }

            await ApplyNewPinAsync(db, link, newPin, now, cancellationToken);
        }

        if (replacesLinkId is { } replaced && replaced != link.Id)
        {
            link.ReplacesLinkId = replaced;
        }

        var needsReview = await LinkAdmission.HoldForReviewAsync(db, link, review, now, cancellationToken);
        AuditLog.Add(db, now, linked ? AuditAction.Linked : AuditAction.PinChanged, ownerId, ownerId,
            normalized, ip, needsReview ? $"Held for review ({link.ReviewReason})." : null);
        await db.SaveChangesAsync(cancellationToken);
        notifier.Notify(new RequestStatusChange(link.Id));
        return new LinkResult(created ? LinkResultKind.Created : LinkResultKind.Updated, link.Id, needsReview);
    }

    /// <inheritdoc cref="UpdatePinAsync(string, int, string?, string?, CancellationToken)"/>
    public Task<LinkResult> UpdatePinAsync(string ownerId, int linkId, string? pin, CancellationToken cancellationToken = default) =>
        UpdatePinAsync(ownerId, linkId, pin, null, cancellationToken);

    /// <summary>A new PIN for a link (after <i>PIN not accepted</i> or <i>Access revoked</i>); re-queues what waited for it.</summary>
    public async Task<LinkResult> UpdatePinAsync(string ownerId, int linkId, string? pin, string? ip, CancellationToken cancellationToken = default)
    {
        if (rules.ValidatePin(pin) is { } pinError)
        {
            return LinkResult.Invalid("Pin", pinError);
        }

        var now = time.GetUtcNow();
        var newPin = LinkInputRules.NormalizePin(pin);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ServiceLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.OwnerId == ownerId, cancellationToken);
        if (link is null || link.Status is LinkStatus.Unlinked or LinkStatus.Refused)
        {
            return LinkResult.NotFound;
        }

        var (refused, review) = await CheckAsync(db, ownerId, link.ServiceId, link, newPin, now, ip, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        await ApplyNewPinAsync(db, link, newPin, now, cancellationToken);
        var needsReview = await LinkAdmission.HoldForReviewAsync(db, link, review, now, cancellationToken);
        AuditLog.Add(db, now, AuditAction.PinChanged, ownerId, ownerId, link.ServiceId, ip,
            needsReview ? $"Held for review ({link.ReviewReason})." : null);
        await db.SaveChangesAsync(cancellationToken);
        notifier.Notify(new RequestStatusChange(link.Id));
        return new LinkResult(LinkResultKind.Updated, link.Id, needsReview);
    }

    /// <inheritdoc cref="UnlinkAsync(string, int, string?, CancellationToken)"/>
    public Task<bool> UnlinkAsync(string ownerId, int linkId, CancellationToken cancellationToken = default) =>
        UnlinkAsync(ownerId, linkId, null, cancellationToken);

    /// <summary>Stops every request of the link (Cancelled) and deletes its PIN. Readings already stored stay.</summary>
    public async Task<bool> UnlinkAsync(string ownerId, int linkId, string? ip, CancellationToken cancellationToken = default)
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
        link.NeedsReview = false;
        link.MoveTo(LinkStatus.Unlinked, now, ReasonCode.Unlinked);
        foreach (var request in link.Requests)
        {
            request.MoveTo(RequestStatus.Cancelled, now, ReasonCode.Unlinked);
        }

        AuditLog.Add(db, now, AuditAction.Unlinked, ownerId, ownerId, link.ServiceId, ip, null);
        await db.SaveChangesAsync(cancellationToken);
        notifier.Notify(new RequestStatusChange(link.Id));
        return true;
    }

    private async Task ApplyNewPinAsync(PortalDbContext db, ServiceLink link, string pin, DateTimeOffset now, CancellationToken cancellationToken)
    {
        link.ProtectedPin = pins.Protect(pin);
        var open = await db.DataRequests.Where(r => r.LinkId == link.Id
            && (r.Status == RequestStatus.Pending || r.Status == RequestStatus.Paused)).ToListAsync(cancellationToken);
        switch (link.Status)
        {
            case LinkStatus.Unlinked or LinkStatus.Rejected or LinkStatus.Inactive or LinkStatus.Refused:
                // Linked again from scratch: a fresh plan, as for a new link.
                foreach (var request in open)
                {
                    request.MoveTo(RequestStatus.Cancelled, now, ReasonCode.Replanned);
                }

                link.MoveTo(LinkStatus.Pending, now, null);
                link.Requests.AddRange(planner.PlanNewLink(now).Select(w => w.ToRequest(link.Id, now)));
                break;
            case LinkStatus.PinNotAccepted or LinkStatus.AccessRevoked:
                link.MoveTo(LinkStatus.Pending, now, ReasonCode.CheckingNewPin);
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
            request.Requeue(now, now, ReasonCode.NewPin);
        }
    }

    /// <summary>
    /// Whether the attempt may go to the utility: a refusal (recorded in the audit log) when a hold, the link
    /// limit or an identical refused attempt stops it; otherwise the review reason it must wait for, if any.
    /// </summary>
    private async Task<(LinkResult? Refused, string? Review)> CheckAsync(PortalDbContext db, string ownerId, string serviceId,
        ServiceLink? link, string pin, DateTimeOffset now, string? ip, CancellationToken cancellationToken)
    {
        var verdict = await LinkGuard.CheckAsync(db, Settings, pins, ownerId, serviceId, link, pin, now, Zone, cancellationToken);
        var refusal = verdict.Refusal ?? await LinkAdmission.LinkLimitRefusalAsync(db, Settings, ownerId, link, cancellationToken);
        if (refusal is null)
        {
            return (null, verdict.ReviewReason);
        }

        await AuditLogRefusalAsync(db, ownerId, serviceId, ip, refusal, now, cancellationToken);
        return (LinkResult.Refused(refusal), null);
    }

    private static async Task AuditLogRefusalAsync(PortalDbContext db, string ownerId, string serviceId, string? ip, string refusal,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        AuditLog.Add(db, now, AuditAction.LinkRefusedByPortal, ownerId, ownerId, serviceId, ip, refusal);
        await db.SaveChangesAsync(cancellationToken);
    }
}
