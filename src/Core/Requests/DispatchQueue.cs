using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Requests;

/// <summary>Which Pending requests may go out, and when the next one may.</summary>
internal static class DispatchQueue
{
    // Rows read per priority to order fairly; an account holds at most a few requests at one priority (one per
    // link, links capped per account), so this is every account waiting there unless thousands are.
    private const int FairnessWindow = 5000;

    /// <summary>Pending requests of links that may be sent for (new, or with a proven PIN, and not held for review), not claimed by a dispatcher.</summary>
    public static IQueryable<DataRequest> Waiting(PortalDbContext db) =>
        db.DataRequests.Where(r => r.Status == RequestStatus.Pending && r.ClaimedBy == null
            && (r.Link!.Status == LinkStatus.Pending || r.Link.Status == LinkStatus.Active) && !r.Link.NeedsReview);

    public static IQueryable<DataRequest> Sendable(PortalDbContext db, DateTimeOffset now) =>
        Waiting(db).Where(r => r.NotBefore <= now);

    /// <summary>When the earliest waiting request becomes sendable (backoff over, or off-peak for a refresh); null when none waits.</summary>
    public static async Task<DateTimeOffset?> NextDueAsync(
        IDbContextFactory<PortalDbContext> dbFactory, OffPeakWindow offPeak, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var waiting = Waiting(db);
        var urgent = await waiting.Where(r => r.Kind != RequestKind.Refresh).OrderBy(r => r.NotBefore)
            .Select(r => (DateTimeOffset?)r.NotBefore).FirstOrDefaultAsync(cancellationToken);
        var refresh = await waiting.Where(r => r.Kind == RequestKind.Refresh).OrderBy(r => r.NotBefore)
            .Select(r => (DateTimeOffset?)r.NotBefore).FirstOrDefaultAsync(cancellationToken);
        if (refresh is { } notBefore)
        {
            refresh = offPeak.NextOpening(notBefore > now ? notBefore : now);
        }

        DateTimeOffset? next = urgent is null ? refresh : refresh is null ? urgent : urgent < refresh ? urgent : refresh;
        return next is { } due && due < now ? now : next;
    }

    /// <summary>
    /// The next <paramref name="count"/> requests to send, at most one per link: by priority, and within a priority
    /// round-robin by account (each account's first request, then each one's second, ...), so an account with many
    /// links delays another account's request by at most one send. Priority still comes first: a new link's Verify
    /// goes before anyone's backfill.
    /// </summary>
    public static async Task<List<DataRequest>> NextFairAsync(IQueryable<DataRequest> candidates, int count, CancellationToken cancellationToken)
    {
        var picked = new List<int>(count);
        var links = new HashSet<int>();
        int? after = null;
        while (picked.Count < count)
        {
            var remaining = after is { } done ? candidates.Where(r => r.Priority > done) : candidates;
            if (await remaining.MinAsync(r => (int?)r.Priority, cancellationToken) is not { } priority)
            {
                break;
            }

            var rows = await candidates.Where(r => r.Priority == priority).OrderBy(r => r.Id).Take(FairnessWindow)
                .Select(r => new { r.Id, r.LinkId, r.Link!.OwnerId }).ToListAsync(cancellationToken);
            var fair = rows.GroupBy(r => r.OwnerId)
                .SelectMany(account => account.DistinctBy(r => r.LinkId).Select((r, turn) => (r.Id, r.LinkId, Turn: turn)))
                .OrderBy(r => r.Turn).ThenBy(r => r.Id);
            foreach (var (id, linkId, _) in fair)
            {
                if (picked.Count < count && links.Add(linkId))
                {
                    picked.Add(id);
                }
            }

            after = priority;
        }

        if (picked.Count == 0)
        {
            return [];
        }

        var requests = await candidates.Where(r => picked.Contains(r.Id)).Include(r => r.Link).ToListAsync(cancellationToken);
        return requests.OrderBy(r => picked.IndexOf(r.Id)).ToList();
    }
}
