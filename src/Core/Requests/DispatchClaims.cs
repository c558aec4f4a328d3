using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// Chooses and claims the next request to send, inside the budget's locked transaction (<see cref="RateBudget"/>): no
/// other dispatcher can claim the same request. Priority order (Verify, Backfill, Refresh), refreshes only off-peak and
/// not so near its end that the claim could leave after it, new links' share of the night, and accounts taking turns.
/// </summary>
public sealed class DispatchClaims(OffPeakWindow offPeak, DispatcherIdentity self, IOptions<DispatchOptions> options)
{
    // Waiting requests read per claim at the first priority, to choose the account whose turn it is.
    private const int FairPool = 500;

    // Off-peak, the new links' share is judged on the sends of at most this many windows back.
    private const int ShareLookbackWindows = 60;

    // A claim that loses a race (a request changed between the read and the claim) picks again, this many times.
    private const int ClaimTries = 5;

    private readonly DispatchOptions settings = options.Value;

    /// <summary>A claim not sent within this long is given back, so a refresh claimed this close to the window's end could still leave after it.</summary>
    public TimeSpan ClaimMargin => TimeSpan.FromSeconds(settings.MaxClaimAgeSeconds);

    /// <summary>
    /// Claims the next request (one at a time: a process that dies strands at most the requests its lanes were sending).
    /// </summary>
    public async Task<DispatchClaim> ClaimNextAsync(PortalDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ClaimTries; attempt++)
        {
            if (await PickAsync(db, now, cancellationToken) is not { } id)
            {
                return DispatchClaim.None;
            }

            var request = await db.DataRequests.AsNoTracking().Include(r => r.Link).SingleAsync(r => r.Id == id, cancellationToken);
            // Counted as in flight before the commit, so this process's own recovery never takes it back.
            self.Sending(id);
            if (await db.DataRequests.ClaimAsync(id, request.Version, self.Id, now, cancellationToken))
            {
                // As the row now is, so what follows needs no second read.
                (request.ClaimedBy, request.ClaimedAt, request.SendStartedAt) = (self.Id, now, null);
                (request.Attempts, request.Version) = (request.Attempts + 1, request.Version + 1);
                return new DispatchClaim([request]);
            }

            self.Done(id); // changed since it was read (another worker, staff): pick again
        }

        return DispatchClaim.None;
    }

    /// <summary>Whether a refresh may leave at <paramref name="at"/>: off-peak.</summary>
    public bool RefreshMayLeave(DateTimeOffset at) => offPeak.IsOffPeak(at);

    private async Task<int?> PickAsync(PortalDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One request in flight per link: if the utility refuses it (PIN, inactive), the link's other requests
        // are paused or cancelled before they could be sent. A dead dispatcher's claim holds nobody up.
        var aliveSince = now - TimeSpan.FromSeconds(settings.DispatcherDeadAfterSeconds);
        var candidates = DispatchQueue.Sendable(db, now)
            .Where(r => !db.DataRequests.Any(o => o.LinkId == r.LinkId && o.Status == RequestStatus.Pending && o.ClaimedBy != null
                && db.Dispatchers.Any(d => d.Id == o.ClaimedBy && d.HeartbeatAt > aliveSince)));
        var offPeakNow = RefreshMayLeave(now) && RefreshMayLeave(now + ClaimMargin);
        if (!offPeakNow)
        {
            // Peak hours, or so near their start that a claim could still be on its way out when they begin.
            candidates = candidates.Where(r => r.Kind != RequestKind.Refresh);
        }

        var all = await FirstRowsAsync(candidates, cancellationToken);
        var rows = FirstPriority(all);
        // The turns off-peak only matter when a Backfill comes first: a Verify goes first whoever's turn it is, and a
        // Refresh first means no new link's work waits.
        if (offPeakNow && rows.Count > 0 && rows[0].Kind == RequestKind.Backfill && await IsRefreshTurnAsync(db, candidates, now, cancellationToken))
        {
            rows = FirstPriority(await FirstRowsAsync(candidates.Where(r => r.Kind != RequestKind.Backfill), cancellationToken));
        }

        return rows.Count == 0 ? null : await FairTurnAsync(db, rows, now, cancellationToken);
    }

    // The waiting requests in priority order, oldest first: a bounded read along the Status, Priority, Id index.
    private static Task<List<Candidate>> FirstRowsAsync(IQueryable<DataRequest> candidates, CancellationToken cancellationToken) =>
        candidates.OrderBy(r => r.Priority).ThenBy(r => r.Id).Take(FairPool)
            .Select(r => new Candidate(r.Id, r.Priority, r.Kind, r.Link!.OwnerId)).ToListAsync(cancellationToken);

    private static List<Candidate> FirstPriority(List<Candidate> rows) =>
        rows.Count == 0 ? rows : rows.TakeWhile(r => r.Priority == rows[0].Priority).ToList();

    // Accounts take turns: the turn goes to the account, among those waiting at the first priority, that the budget
    // served least lately (oldest request first among equals). Accounts hold few requests at one priority (links are
    // capped per account).
    private async Task<int> FairTurnAsync(PortalDbContext db, List<Candidate> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var owners = rows.Select(r => r.OwnerId).Distinct().ToList();
        if (owners.Count == 1)
        {
            return rows[0].Id;
        }

        var since = now - settings.WindowWithMargin * 10;
        // Each slot carries its request's account (RateBudget), so the turn reads the slots alone.
        var served = await db.RateSlots.Where(s => s.TakenAt > since && s.ReturnedAt == null && s.OwnerId != null && owners.Contains(s.OwnerId))
            .GroupBy(s => s.OwnerId!).Select(g => new { Owner = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Owner, g => g.Count, cancellationToken);
        return rows.OrderBy(r => served.GetValueOrDefault(r.OwnerId)).First().Id;
    }

    // Off-peak, new links' work (Verify, Backfill) and refreshes share the budget: new links keep their share
    // (Dispatch:OffPeakNewLinkShare) of tonight's sends so far (at most the last hour's, so a quiet evening does not
    // bank a burst), refreshes get the rest, and either takes a slot the other has no sendable request for.
    private async Task<bool> IsRefreshTurnAsync(PortalDbContext db, IQueryable<DataRequest> candidates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await candidates.AnyAsync(r => r.Kind == RequestKind.Refresh, cancellationToken))
        {
            return false; // nothing to split
        }

        var lookback = now - settings.WindowWithMargin * ShareLookbackWindows;
        var opened = offPeak.CurrentOrNext(now).Open;
        var since = opened > lookback ? opened : lookback;
        var sent = await db.RateSlots.Where(s => s.TakenAt >= since && s.ReturnedAt == null && s.Kind != null)
            .GroupBy(s => s.Kind == RequestKind.Refresh).Select(g => new { Refresh = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var newLinks = sent.Where(g => !g.Refresh).Sum(g => g.Count);
        var refreshes = sent.Where(g => g.Refresh).Sum(g => g.Count);
        return newLinks >= settings.OffPeakNewLinkShare * (newLinks + refreshes + 1);
    }

    private sealed record Candidate(int Id, int Priority, RequestKind Kind, string OwnerId);
}

/// <summary>What <see cref="DispatchClaims.ClaimNextAsync"/> claimed: at most one request.</summary>
public sealed record DispatchClaim(IReadOnlyList<DataRequest> Requests)
{
    public static DispatchClaim None { get; } = new([]);
}
