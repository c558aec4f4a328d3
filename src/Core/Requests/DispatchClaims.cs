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

            var request = await WithLink(db, id, cancellationToken);
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
        // Peak hours, or so near their start that a claim could still be on its way out when they begin: no refresh.
        var offPeakNow = RefreshMayLeave(now) && RefreshMayLeave(now + ClaimMargin);
        var queue = new Queue(now, now - TimeSpan.FromSeconds(settings.DispatcherDeadAfterSeconds), offPeakNow, Backfills: true);
        var first = await First(db, queue, cancellationToken);
        // The turns off-peak only matter when a Backfill comes first: a Verify goes first whoever's turn it is, and a
        // Refresh first means no new link's work waits.
        if (offPeakNow && first is { Kind: RequestKind.Backfill } && await IsRefreshTurnAsync(db, queue, cancellationToken))
        {
            queue = queue with { Backfills = false };
            first = await First(db, queue, cancellationToken);
        }

        return first is null ? null : await FairTurnAsync(db, queue, first, cancellationToken);
    }

    // Accounts take turns: the turn goes to the account, among those waiting at the first priority (the first FairPool
    // requests of it), that the budget served least lately, oldest request first among equals. No account served lately
    // can do better than one served not at all, so the read of the waiting requests stops at the first such account's
    // request: usually the first one, read already. Accounts hold few requests at one priority (links are capped per
    // account).
    private async Task<int> FairTurnAsync(PortalDbContext db, Queue queue, Candidate first, CancellationToken cancellationToken)
    {
        // Each slot carries its request's account (RateBudget), so the turn reads the slots alone: ten windows' worth.
        var served = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var (owner, count) in Served(db, queue.Now - settings.WindowWithMargin * 10).WithCancellation(cancellationToken))
        {
            served[owner] = count;
        }

        if (served.GetValueOrDefault(first.OwnerId) == 0)
        {
            return first.Id;
        }

        var (best, least) = (first.Id, served[first.OwnerId]);
        await foreach (var row in Pool(db, queue, first.Priority, FairPool).WithCancellation(cancellationToken))
        {
            var count = served.GetValueOrDefault(row.OwnerId);
            if (count < least)
            {
                (best, least) = (row.Id, count);
                if (count == 0)
                {
                    break;
                }
            }
        }

        return best;
    }

    // Off-peak, new links' work (Verify, Backfill) and refreshes share the budget: new links keep their share
    // (Dispatch:OffPeakNewLinkShare) of tonight's sends so far (at most the last hour's, so a quiet evening does not
    // bank a burst), refreshes get the rest, and either takes a slot the other has no sendable request for.
    private async Task<bool> IsRefreshTurnAsync(PortalDbContext db, Queue queue, CancellationToken cancellationToken)
    {
        if (!await AnyRefresh(db, queue, cancellationToken))
        {
            return false; // nothing to split
        }

        var now = queue.Now;
        var lookback = now - settings.WindowWithMargin * ShareLookbackWindows;
        var opened = offPeak.CurrentOrNext(now).Open;
        var (newLinks, refreshes) = (0, 0);
        await foreach (var (kind, count) in SentByKind(db, opened > lookback ? opened : lookback).WithCancellation(cancellationToken))
        {
            if (kind == RequestKind.Refresh)
            {
                refreshes += count;
            }
            else
            {
                newLinks += count;
            }
        }

        return newLinks >= settings.OffPeakNewLinkShare * (newLinks + refreshes + 1);
    }

    // The claim's reads are compiled once (EF.CompileAsyncQuery): building and looking up every LINQ query per call was
    // about a tenth of a send's CPU (README "The simulation at scale").

    // What may be claimed (DispatchQueue.Sendable): one request in flight per link, so if the utility refuses it (PIN,
    // inactive) the link's other requests are paused or cancelled before they could be sent; a dead dispatcher's claim
    // holds nobody up. Refreshes only when Refreshes; backfills only when Backfills.
    private static readonly PerModel<Func<PortalDbContext, DateTimeOffset, DateTimeOffset, bool, bool, CancellationToken, Task<Candidate?>>> FirstQuery =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, DateTimeOffset now, DateTimeOffset aliveSince, bool refreshes, bool backfills, CancellationToken _) =>
            db.DataRequests.Where(DispatchQueue.IsWaiting).Where(r => r.NotBefore <= now
                    && (refreshes || r.Kind != RequestKind.Refresh) && (backfills || r.Kind != RequestKind.Backfill)
                    && !db.DataRequests.Any(o => o.LinkId == r.LinkId && o.Status == RequestStatus.Pending && o.ClaimedBy != null
                        && db.Dispatchers.Any(d => d.Id == o.ClaimedBy && d.HeartbeatAt > aliveSince)))
                .OrderBy(r => r.Priority).ThenBy(r => r.Id)
                .Select(r => new Candidate(r.Id, r.Priority, r.Kind, r.Link!.OwnerId)).FirstOrDefault()));

    // The same queue at one priority, in order, at most take rows: a bounded read along the Status, Priority, Id index.
    private static readonly PerModel<Func<PortalDbContext, DateTimeOffset, DateTimeOffset, bool, bool, int, int, IAsyncEnumerable<Candidate>>> PoolQuery =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, DateTimeOffset now, DateTimeOffset aliveSince, bool refreshes, bool backfills, int priority, int take) =>
            db.DataRequests.Where(DispatchQueue.IsWaiting).Where(r => r.NotBefore <= now && r.Priority == priority
                    && (refreshes || r.Kind != RequestKind.Refresh) && (backfills || r.Kind != RequestKind.Backfill)
                    && !db.DataRequests.Any(o => o.LinkId == r.LinkId && o.Status == RequestStatus.Pending && o.ClaimedBy != null
                        && db.Dispatchers.Any(d => d.Id == o.ClaimedBy && d.HeartbeatAt > aliveSince)))
                .OrderBy(r => r.Id).Take(take)
                .Select(r => new Candidate(r.Id, r.Priority, r.Kind, r.Link!.OwnerId))));

    private static readonly PerModel<Func<PortalDbContext, DateTimeOffset, DateTimeOffset, CancellationToken, Task<bool>>> AnyRefreshQuery =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, DateTimeOffset now, DateTimeOffset aliveSince, CancellationToken _) =>
            db.DataRequests.Where(DispatchQueue.IsWaiting).Any(r => r.NotBefore <= now && r.Kind == RequestKind.Refresh
                && !db.DataRequests.Any(o => o.LinkId == r.LinkId && o.Status == RequestStatus.Pending && o.ClaimedBy != null
                    && db.Dispatchers.Any(d => d.Id == o.ClaimedBy && d.HeartbeatAt > aliveSince)))));

    private static readonly PerModel<Func<PortalDbContext, DateTimeOffset, IAsyncEnumerable<Tally<string>>>> ServedQuery =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, DateTimeOffset since) =>
            db.RateSlots.Where(s => s.TakenAt > since && s.ReturnedAt == null && s.OwnerId != null)
                .GroupBy(s => s.OwnerId!).Select(g => new Tally<string>(g.Key, g.Count()))));

    private static readonly PerModel<Func<PortalDbContext, DateTimeOffset, IAsyncEnumerable<Tally<RequestKind>>>> SentByKindQuery =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, DateTimeOffset since) =>
            db.RateSlots.Where(s => s.TakenAt >= since && s.ReturnedAt == null && s.Kind != null)
                .GroupBy(s => s.Kind!.Value).Select(g => new Tally<RequestKind>(g.Key, g.Count()))));

    private static readonly PerModel<Func<PortalDbContext, int, CancellationToken, Task<DataRequest>>> WithLinkQuery =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, int id, CancellationToken _) =>
            db.DataRequests.AsNoTracking().Include(r => r.Link).Single(r => r.Id == id)));

    private static Task<DataRequest> WithLink(PortalDbContext db, int id, CancellationToken cancellationToken) => WithLinkQuery.For(db)(db, id, cancellationToken);

    private static Task<Candidate?> First(PortalDbContext db, Queue q, CancellationToken cancellationToken) =>
        FirstQuery.For(db)(db, q.Now, q.AliveSince, q.Refreshes, q.Backfills, cancellationToken);

    private static IAsyncEnumerable<Candidate> Pool(PortalDbContext db, Queue q, int priority, int take) =>
        PoolQuery.For(db)(db, q.Now, q.AliveSince, q.Refreshes, q.Backfills, priority, take);

    private static Task<bool> AnyRefresh(PortalDbContext db, Queue q, CancellationToken cancellationToken) =>
        AnyRefreshQuery.For(db)(db, q.Now, q.AliveSince, cancellationToken);

    private static IAsyncEnumerable<Tally<string>> Served(PortalDbContext db, DateTimeOffset since) => ServedQuery.For(db)(db, since);

    private static IAsyncEnumerable<Tally<RequestKind>> SentByKind(PortalDbContext db, DateTimeOffset since) => SentByKindQuery.For(db)(db, since);

    // The queue as a claim reads it at an instant: claims of dispatchers alive since AliveSince block their links.
    private sealed record Queue(DateTimeOffset Now, DateTimeOffset AliveSince, bool Refreshes, bool Backfills);

    private sealed record Tally<T>(T Key, int Count);

    private sealed record Candidate(int Id, int Priority, RequestKind Kind, string OwnerId);
}

/// <summary>What <see cref="DispatchClaims.ClaimNextAsync"/> claimed: at most one request.</summary>
public sealed record DispatchClaim(IReadOnlyList<DataRequest> Requests)
{
    public static DispatchClaim None { get; } = new([]);
}
