using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>Cuts a link's history into request windows the utility accepts, and plans the nightly refreshes within capacity.</summary>
public sealed class RequestPlanner(
    IDbContextFactory<PortalDbContext> dbFactory,
    RequestStatusNotifier notifier,
    TimeProvider time,
    IOptions<PlanningOptions> options,
    OffPeakWindow offPeak,
    IOptions<DispatchOptions> dispatchOptions,
    IOptions<UtilityTimeZoneOptions>? utility = null)
{
    private readonly PlanningOptions settings = options.Value;
    private readonly DispatchOptions dispatch = dispatchOptions.Value;
    private readonly TimeZoneInfo zone = (utility?.Value ?? new UtilityTimeZoneOptions()).Zone;

    private TimeSpan MaxWindow => TimeSpan.FromDays(settings.MaxWindowDays);

    /// <summary>
    /// The utility's data ends at the previous local midnight: Verify is the last
    /// <see cref="PlanningOptions.VerifyDays"/> local days before it.
    /// </summary>
    public PlannedWindow PlanVerify(DateTimeOffset now)
    {
        var end = LocalClock.StartOfLocalDay(now, zone);
        var endLocal = TimeZoneInfo.ConvertTime(end, zone).Date;
        var start = LocalClock.ToUtc(endLocal.AddDays(-settings.VerifyDays), zone);
        return new PlannedWindow(RequestKind.Verify, start, end, RequestPriorities.Verify);
    }

    /// <summary>Verify, then Backfill chunks of at most the max window, newest first, back to the history depth.</summary>
    public IReadOnlyList<PlannedWindow> PlanNewLink(DateTimeOffset now)
    {
        var verify = PlanVerify(now);
        var endLocal = TimeZoneInfo.ConvertTime(verify.End, zone).Date;
        var historyStart = LocalClock.ToUtc(endLocal.AddMonths(-settings.HistoryMonths), zone);
        var plan = new List<PlannedWindow> { verify };
        plan.AddRange(Chunk(RequestKind.Backfill, historyStart, verify.Start, RequestPriorities.Backfill));
        return plan;
    }

    /// <summary>From the last stored reading (less the overlap, for late corrections) to <paramref name="now"/>.</summary>
    public IReadOnlyList<PlannedWindow> PlanRefresh(DateTimeOffset lastReadingEnd, DateTimeOffset now)
    {
        var start = lastReadingEnd - TimeSpan.FromHours(settings.RefreshOverlapHours);
        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return Chunk(RequestKind.Refresh, start, end, RequestPriorities.Refresh);
    }

    /// <summary>
    /// A window staff ask for again, as one request queued like a new link's newest history; null when the utility
    /// would refuse it (empty, or longer than <see cref="PlanningOptions.MaxWindowDays"/> in seconds).
    /// </summary>
    public PlannedWindow? PlanWindow(DateTimeOffset start, DateTimeOffset end) =>
        end > start && end - start <= MaxWindow ? new PlannedWindow(RequestKind.Backfill, start, end, RequestPriorities.Backfill) : null;

    /// <summary>
    /// Plans tonight's refreshes within tonight's capacity (<see cref="RefreshCapacity.NightlyRefreshes"/> for what is
    /// left of the off-peak window that is open or opens next, at the rate in force): the active links whose newest
    /// stored reading is oldest come first, each with one request covering its whole gap (chunked past 185 days), and
    /// their not-before times are spread evenly over the window, stalest first, so they go out through the night at
    /// the pace the budget keeps for them instead of queueing at its opening. Refreshes still waiting from an earlier
    /// run count against the capacity, so a second run the same day adds nothing. Returns the number of requests added.
    /// </summary>
    public async Task<int> PlanRefreshesAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (open, close) = offPeak.CurrentOrNext(now);
        var from = open > now ? open : now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rate = await DispatchRate.ReadAsync(db, dispatch, cancellationToken);
        var capacity = new RefreshCapacity(rate, dispatch.Window, close - from, dispatch.OffPeakNewLinkShare).NightlyRefreshes;
        var waiting = await db.DataRequests.CountAsync(r => r.Kind == RequestKind.Refresh && r.Status == RequestStatus.Pending, cancellationToken);
        var room = (int)Math.Min(int.MaxValue, capacity - waiting);
        if (room <= 0)
        {
            return 0;
        }

        var links = await db.ServiceLinks
            .Where(l => l.Status == LinkStatus.Active && l.LastCompleteReadingAt != null && !l.NeedsReview)
            .Where(l => !l.Requests.Any(r => r.Kind == RequestKind.Refresh
                && (r.Status == RequestStatus.Pending || r.Status == RequestStatus.Submitted)))
            .OrderBy(l => l.LastCompleteReadingAt).ThenBy(l => l.Id)
            .Select(l => new { l.Id, LastReadingEnd = l.LastCompleteReadingAt!.Value })
            .Take(room)
            .ToListAsync(cancellationToken);

        var added = new List<DataRequest>();
        foreach (var link in links)
        {
            var windows = PlanRefresh(link.LastReadingEnd, now);
            if (added.Count > 0 && added.Count + windows.Count > room)
            {
                break; // a long gap's extra chunks would overrun the night: that link is first tomorrow
            }

            added.AddRange(windows.Select(w => w.ToRequest(link.Id, now)));
        }

        var spacing = added.Count == 0 ? TimeSpan.Zero : (close - from) / added.Count;
        for (var i = 0; i < added.Count; i++)
        {
            added[i].NotBefore = from + spacing * i;
        }

        db.DataRequests.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var request in added)
        {
            notifier.Notify(new RequestStatusChange(request.LinkId, request.Id));
        }

        return added.Count;
    }

    // Chunks are cut in exact seconds, not local days: 185 local days across a DST change would be
    // an hour over the utility's 15,984,000-second limit.
    private List<PlannedWindow> Chunk(RequestKind kind, DateTimeOffset start, DateTimeOffset end, int basePriority)
    {
        var chunks = new List<PlannedWindow>();
        for (var chunkEnd = end; chunkEnd > start; chunkEnd -= MaxWindow)
        {
            var chunkStart = chunkEnd - MaxWindow < start ? start : chunkEnd - MaxWindow;
            chunks.Add(new PlannedWindow(kind, chunkStart, chunkEnd, basePriority + chunks.Count));
        }

        return chunks;
    }
}
