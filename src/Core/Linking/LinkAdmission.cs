using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Linking;

/// <summary>Whether a link may be added at all (the account's limit), and whether it must wait for staff first.</summary>
internal static class LinkAdmission
{
    /// <summary>Links that count toward the limit: they may still send, or wait for the customer's PIN.</summary>
    public static bool IsLiveOrWaiting(LinkStatus status) =>
        status is LinkStatus.Pending or LinkStatus.Active or LinkStatus.PinNotAccepted or LinkStatus.AccessRevoked;

    /// <summary>A new link, or one coming back to life, must fit in the account's limit of live links.</summary>
    public static async Task<string?> LinkLimitRefusalAsync(PortalDbContext db, LinkingOptions settings, string ownerId, ServiceLink? link,
        CancellationToken cancellationToken)
    {
        if (link is not null && IsLiveOrWaiting(link.Status))
        {
            return null;
        }

        var limit = await db.Users.Where(u => u.Id == ownerId).Select(u => u.MaxLiveLinks).FirstOrDefaultAsync(cancellationToken)
            ?? settings.MaxLiveLinksPerAccount;
        var live = await db.ServiceLinks.CountAsync(l => l.OwnerId == ownerId && (l.Status == LinkStatus.Pending
            || l.Status == LinkStatus.Active || l.Status == LinkStatus.PinNotAccepted || l.Status == LinkStatus.AccessRevoked), cancellationToken);
        return live >= limit ? LinkMessages.TooManyLinks(limit) : null;
    }

    /// <summary>
    /// Holds the link from dispatch when another account holds a live link to its Service ID (those accounts are
    /// told on their cards) or when <paramref name="review"/> already says so. A link staff let through stays so.
    /// </summary>
    public static async Task<bool> HoldForReviewAsync(PortalDbContext db, ServiceLink link, string? review, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var others = await db.ServiceLinks.Where(l => l.ServiceId == link.ServiceId && l.OwnerId != link.OwnerId
            && (l.Status == LinkStatus.Pending || l.Status == LinkStatus.Active)).ToListAsync(cancellationToken);
        var earlier = others.Where(l => !l.NeedsReview).ToList();
        if (earlier.Count > 0 && link.ReviewedAt is null)
        {
            review ??= ReviewReasons.SharedServiceId;
            foreach (var other in earlier.Where(l => l.SharedNoticeAt is null))
            {
                other.SharedNoticeAt = now;
            }
        }

        if (review is not null)
        {
            link.NeedsReview = true;
            link.ReviewReason = review;
        }

        return link.NeedsReview;
    }
}
