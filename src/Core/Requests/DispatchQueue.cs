using System.Linq.Expressions;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Requests;

/// <summary>Which Pending requests may go out, and when the next one may.</summary>
internal static class DispatchQueue
{
    /// <summary>
    /// Pending requests of links that may be sent for (new, or with a proven PIN, and not held for review), not claimed by
    /// a dispatcher. A link whose PIN was deleted (unlinked, refused after a review) has nothing to send with.
    /// </summary>
    public static IQueryable<DataRequest> Waiting(PortalDbContext db) => db.DataRequests.Where(IsWaiting);

    /// <summary><see cref="Waiting"/> as a filter, for the compiled queries that inline it (<see cref="DispatchClaims"/>).</summary>
    public static readonly Expression<Func<DataRequest, bool>> IsWaiting = r => r.Status == RequestStatus.Pending && r.ClaimedBy == null
        && (r.Link!.Status == LinkStatus.Pending || r.Link.Status == LinkStatus.Active) && !r.Link.NeedsReview && r.Link.ProtectedPin != null;

    public static IQueryable<DataRequest> Sendable(PortalDbContext db, DateTimeOffset now) =>
        Waiting(db).Where(r => r.NotBefore <= now);

    /// <summary>
    /// When the earliest waiting request becomes sendable (backoff over, or off-peak for a refresh); null when none waits.
    /// A refresh is not claimed in the last <paramref name="closingMargin"/> of the window, so then it is due at the next opening.
    /// </summary>
    public static async Task<DateTimeOffset?> NextDueAsync(
        IDbContextFactory<PortalDbContext> dbFactory, OffPeakWindow offPeak, DateTimeOffset now, TimeSpan closingMargin, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The earliest of each kind, one statement: each part is a seek along the Status, Kind, NotBefore index.
        var waiting = Waiting(db);
        IQueryable<DataRequest> Earliest(RequestKind kind) => waiting.Where(r => r.Kind == kind).OrderBy(r => r.NotBefore).Take(1);
        var earliest = await Earliest(RequestKind.Verify).Concat(Earliest(RequestKind.Backfill)).Concat(Earliest(RequestKind.Refresh))
            .Select(r => new { r.Kind, r.NotBefore }).ToListAsync(cancellationToken);
        var urgent = earliest.Where(d => d.Kind != RequestKind.Refresh).Min(d => (DateTimeOffset?)d.NotBefore);
        var refresh = earliest.Where(d => d.Kind == RequestKind.Refresh).Min(d => (DateTimeOffset?)d.NotBefore);
        if (refresh is { } notBefore)
        {
            var from = notBefore > now ? notBefore : now;
            var opening = offPeak.NextOpening(from);
            refresh = opening == from && !offPeak.IsOffPeak(from + closingMargin) ? offPeak.NextOpening(offPeak.NextClosing(from)) : opening;
        }

        DateTimeOffset? next = urgent is null ? refresh : refresh is null ? urgent : urgent < refresh ? urgent : refresh;
        return next is { } due && due < now ? now : next;
    }
}
