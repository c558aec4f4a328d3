using System.Collections.Concurrent;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Staff;

/// <summary>
/// Reads the last seven days for the staff charts. Sends come from the rate budget's slots (kept seven days, see
/// <see cref="WatchdogService"/>; a slot given back was never sent and does not count); the backlog from the
/// samples <see cref="BacklogSampler"/> writes, plus the queue as it is now.
/// </summary>
public sealed class PipelineHistory(
    IDbContextFactory<PortalDbContext> dbFactory,
    OffPeakWindow offPeak,
    IOptions<DispatchOptions> dispatch,
    TimeProvider time)
{
    public static readonly TimeSpan Span = TimeSpan.FromDays(7);

    /// <summary>
    /// How long after its end an hour's sends can still change: a slot's stamp moves to the send's start and then to the
    /// utility's answer, and a claim that never left gives its slot back, all within the claim and send timeouts
    /// (<see cref="DispatchOptions.ClaimTimeoutSeconds"/> and <see cref="DispatchOptions.UnconfirmedSendTimeoutSeconds"/>,
    /// three minutes each by default). An hour at least this old is counted once and kept; only the newer ones are
    /// counted again at each load.
    /// </summary>
    public TimeSpan SettleAfter => TimeSpan.FromSeconds(Math.Max(3600, 2 * (dispatch.Value.ClaimTimeoutSeconds
        + dispatch.Value.UnconfirmedSendTimeoutSeconds + dispatch.Value.DispatcherDeadAfterSeconds)));

    // Sends by hour start (UTC ticks) of the hours settled: every instance keeps its own, all equal (the slots of a
    // settled hour no longer change, whoever reads them).
    private readonly ConcurrentDictionary<long, HourlySends> settled = new();

    public async Task<PipelineCharts> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var firstHour = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero) - Span + TimeSpan.FromHours(1);
        var from = now - Span;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hours = (int)(Span.Ticks / TimeSpan.TicksPerHour);
        var sends = await SendsAsync(db, firstHour, hours, now, cancellationToken);

        var samples = await db.BacklogSamples.AsNoTracking().Where(s => s.At >= from).OrderBy(s => s.At)
            .Select(s => new BacklogPoint(s.At, s.Pending, s.Submitted)).ToListAsync(cancellationToken);
        var current = await db.DataRequests.Where(r => r.Status == RequestStatus.Pending || r.Status == RequestStatus.Submitted)
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        samples.Add(new BacklogPoint(now, current.SingleOrDefault(c => c.Key == RequestStatus.Pending)?.Count ?? 0,
            current.SingleOrDefault(c => c.Key == RequestStatus.Submitted)?.Count ?? 0));

        var rate = await DispatchRate.ReadAsync(db, dispatch.Value, cancellationToken);
        return new PipelineCharts(firstHour, firstHour + Span, LimitPerHour(rate), sends, samples, OffPeakBands(firstHour, firstHour + Span),
            offPeak.TimeZoneId, dispatch.Value.OffPeakStart, dispatch.Value.OffPeakEnd);
    }

    // Counted by hour and kind in the database (a week at 6 a minute is 60,480 slots; read one by one they were most of
    // /staff's time at scale). Instants are stored as UTC ticks, so an hour is an integer division on both providers.
    // Only the hours not yet settled are counted: after the first load that is the last hour or two, not the week.
    private async Task<List<HourlySends>> SendsAsync(PortalDbContext db, DateTimeOffset firstHour, int hours, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // The settled hours this instance has counted: the oldest ones, each read once here; the current hour, last,
        // is always counted.
        var sends = new List<HourlySends>(hours);
        while (sends.Count < hours - 1 && settled.TryGetValue(firstHour.UtcTicks + sends.Count * TimeSpan.TicksPerHour, out var known))
        {
            sends.Add(known);
        }

        var from = firstHour.UtcTicks + sends.Count * TimeSpan.TicksPerHour;
        var counted = await db.Database.SqlQuery<HourKindCount>($"""
            SELECT ("TakenAt" - {from}) / {TimeSpan.TicksPerHour} AS "Hour", "Kind", COUNT(*) AS "Count"
            FROM "RateSlots" WHERE "TakenAt" >= {from} AND "ReturnedAt" IS NULL
            GROUP BY 1, 2
            """).ToListAsync(cancellationToken);
        var byHour = counted.ToLookup(c => from + c.Hour * TimeSpan.TicksPerHour);
        var lastSettled = (now - SettleAfter).UtcTicks - TimeSpan.TicksPerHour; // the latest hour start that has settled
        for (var start = from; sends.Count < hours; start += TimeSpan.TicksPerHour)
        {
            var inHour = byHour[start].ToList();
            int Of(RequestKind? kind) => (int)inHour.Where(c => c.Kind == kind).Sum(c => c.Count);
            var hour = new HourlySends(new DateTimeOffset(start, TimeSpan.Zero), Of(RequestKind.Verify), Of(RequestKind.Backfill),
                Of(RequestKind.Refresh), Of(null));
            sends.Add(hour);
            if (start <= lastSettled)
            {
                settled[start] = hour;
            }
        }

        // Hours that left the chart's week are forgotten (the watchdog deletes their slots after seven days too).
        foreach (var old in settled.Keys.Where(k => k < firstHour.UtcTicks))
        {
            settled.TryRemove(old, out _);
        }

        return sends;
    }

    /// <summary>A rate of <paramref name="requestsPerWindow"/> (the one in force, see <see cref="DispatchRate"/>) as sends an hour: 6 a minute is 360.</summary>
    public double LimitPerHour(int requestsPerWindow) => requestsPerWindow * 3600.0 / dispatch.Value.WindowSeconds;

    // Walks the off-peak windows through [from, to), clipped to it.
    private List<TimeBand> OffPeakBands(DateTimeOffset from, DateTimeOffset to)
    {
        var bands = new List<TimeBand>();
        for (var start = offPeak.NextOpening(from); start < to;)
        {
            var end = offPeak.NextClosing(start);
            bands.Add(new TimeBand(start, end < to ? end : to));
            start = offPeak.NextOpening(end);
        }

        return bands;
    }

    private sealed record HourKindCount(long Hour, RequestKind? Kind, long Count);
}
