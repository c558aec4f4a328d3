using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Usage;

/// <summary>
/// Usage of one customer's service for a view, bucketed in the service's local time. Every query
/// takes the owner id and answers null when the service is not theirs, so pages cannot leak data.
/// </summary>
public sealed class UsageQueries(IDbContextFactory<PortalDbContext> dbFactory, IOptions<UtilityTimeZoneOptions>? utility = null)
{
    /// <summary>The most buckets a view may send to the browser.</summary>
    public const int MaxPoints = 1000;

    /// <summary>The owner's live link for a Service ID, or null when there is none.</summary>
    public static Task<ServiceLink?> FindLinkAsync(PortalDbContext db, string ownerId, string serviceId, CancellationToken ct) =>
        db.ServiceLinks.AsNoTracking()
            .Where(l => l.OwnerId == ownerId && l.ServiceId == serviceId && l.Status != LinkStatus.Unlinked)
            .OrderByDescending(l => l.Id)
            .FirstOrDefaultAsync(ct);

    public async Task<UsageReport?> GetAsync(string ownerId, string serviceId, UsageView view, DateOnly anchor,
        bool hourlyDay = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindLinkAsync(db, ownerId, serviceId, ct) is not { } link)
            return null;

        var chain = await UsageChain.LoadAsync(db, link, ct);
        var zone = (utility?.Value ?? new UtilityTimeZoneOptions()).ZoneOf(chain.Newest.TimeZoneId);
        var linkIds = chain.Parts.Select(p => p.Link.Id).ToList();
        var rows = await db.ReadingTypes.AsNoTracking().Where(t => linkIds.Contains(t.LinkId)).ToListAsync(ct);
        var segments = chain.Parts
            .Select(p => new UsageSegment(p.Link.Id, UsageReadingTypes.Choose(rows.Where(t => t.LinkId == p.Link.Id).ToList()), p.From, p.To))
            .Where(s => s.From is null || s.To is null || s.From < s.To)
            .ToList();
        // The shape of the joined series: whether it has a solar side, and the newest meter's interval.
        var types = new UsageReadingTypes(segments.Select(s => s.Types.DeliveredId).LastOrDefault(id => id is not null),
            segments.Select(s => s.Types.ReceivedId).LastOrDefault(id => id is not null),
            segments.Select(s => s.Types.DeliveredIntervalSeconds).LastOrDefault(i => i is not null));
        var period = UsagePeriod.Of(view, anchor, zone);
        var granularity = view switch
        {
            UsageView.Day => hourlyDay || types.DeliveredIntervalSeconds > 900 ? UsageGranularity.Hour : UsageGranularity.QuarterHour,
            UsageView.Year => UsageGranularity.Month,
            _ => UsageGranularity.Day,
        };

        var previous = period.Previous(zone);
        var lastYear = period.SameLastYear(zone);
        var (buckets, sums, edges) = await BucketsAsync(db, segments, types, period, granularity, zone, ct);
        var delivered = Sum(buckets.Select(b => b.DeliveredKwh));
        UsageSql.PeriodExtras? extras = null;
        // The first bucket holding the period's largest delivered value holds the peak too.
        var top = sums.Where(s => s.DeliveredMax is not null).MaxBy(s => s.DeliveredMax);
        if (types.DeliveredId is not null)
        {
            extras = await UsageSql.ExtrasAsync(db, segments, KeyRange(previous),
                lastYear == previous ? null : KeyRange(lastYear),
                top is null ? null : (new UsageSql.KeyRange(edges[(int)top.K], edges[(int)top.K + 1]), top.DeliveredMax!.Value), ct);
        }
        var previousKwh = extras?.PreviousWh / 1000;
        var lastYearKwh = lastYear == previous ? previousKwh : extras?.LastYearWh / 1000;

        return new UsageReport(link.Id, link.ServiceId, zone.Id, period, granularity, types.ReceivedId is not null,
            buckets, Totals(types, buckets, sums, granularity, extras, top?.DeliveredMax, delivered),
            UsageComparison.Of(previous, previousKwh, delivered),
            UsageComparison.Of(lastYear, lastYearKwh, delivered))
        {
            Sources = chain.IsJoined
                ? [.. chain.Parts.Select(p => new UsageSource(p.Link.ServiceId, From(p.From), From(p.To)))]
                : [],
        };
    }

    private static DateTimeOffset? From(long? epoch) => epoch is { } e ? DateTimeOffset.FromUnixTimeSeconds(e) : null;

    private static UsageSql.KeyRange KeyRange(UsagePeriod period) => new(period.From.ToUnixTimeSeconds(), period.To.ToUnixTimeSeconds());

    private static async Task<(List<UsageBucket> Buckets, List<UsageSql.BucketSum> Sums, List<long> Edges)> BucketsAsync(
        PortalDbContext db, IReadOnlyList<UsageSegment> segments, UsageReadingTypes types, UsagePeriod period, UsageGranularity granularity,
        TimeZoneInfo zone, CancellationToken ct)
    {
        List<DateTimeOffset> edges = [];
        if (granularity is UsageGranularity.QuarterHour or UsageGranularity.Hour)
        {
            // Within a day every quarter-hour and hour has the same length in UTC, DST or not.
            var width = TimeSpan.FromSeconds(granularity == UsageGranularity.Hour ? 3600 : 900);
            for (var t = period.From; t < period.To && edges.Count < MaxPoints; t += width)
                edges.Add(t);
        }
        else
        {
            // Local days, also for a year: the average day needs to know which days have data.
            for (var day = period.FirstDay; day < period.EndDay; day = day.AddDays(1))
                edges.Add(UsagePeriod.LocalMidnight(day, zone));
        }
        edges.Add(period.To);

        var epochs = edges.Select(e => e.ToUnixTimeSeconds()).ToList();
        var sums = await UsageSql.BucketsAsync(db, segments, epochs, ct);
        var fine = sums.Select(s => Bucket(edges[(int)s.K], edges[(int)s.K + 1], zone, types, s.Delivered, s.Received)).ToList();
        if (granularity != UsageGranularity.Month)
            return (fine, sums, epochs);

        var months = fine
            .GroupBy(b => (b.Start.Year, b.Start.Month))
            .Select(g => new UsageBucket(g.First().Start, g.Last().End,
                Sum(g.Select(b => b.DeliveredKwh)), Sum(g.Select(b => b.ReceivedKwh)), null))
            .Select(b => b with { NetKwh = Net(types, b.DeliveredKwh, b.ReceivedKwh) })
            .ToList();
        return (months, sums, epochs);
    }

    private static UsageBucket Bucket(DateTimeOffset startUtc, DateTimeOffset endUtc, TimeZoneInfo zone,
        UsageReadingTypes types, double? deliveredWh, double? receivedWh)
    {
        var delivered = deliveredWh / 1000;
        var received = receivedWh / 1000;
        return new UsageBucket(TimeZoneInfo.ConvertTime(startUtc, zone), TimeZoneInfo.ConvertTime(endUtc, zone),
            delivered, received, Net(types, delivered, received));
    }

    // Without a solar series, what was delivered is the net; with one, a missing side is a gap.
    private static double? Net(UsageReadingTypes types, double? delivered, double? received) =>
        types.ReceivedId is null ? delivered : delivered - received;

    private static UsageTotals Totals(UsageReadingTypes types, List<UsageBucket> buckets, List<UsageSql.BucketSum> sums,
        UsageGranularity granularity, UsageSql.PeriodExtras? extras, double? peakWh, double? delivered)
    {
        var received = types.ReceivedId is null ? null : Sum(buckets.Select(b => b.ReceivedKwh));
        var net = delivered is null ? null : delivered - (received ?? 0);
        // Day and year views are bucketed by local day in SQL, so days with data are counted there.
        var daysWithData = granularity is UsageGranularity.Day or UsageGranularity.Month
            ? sums.Count(s => s.Delivered is not null)
            : sums.Any(s => s.Delivered is not null) ? 1 : 0;
        var peak = extras is { PeakStart: { } start } && peakWh is { } wh
            ? new UsagePeak(DateTimeOffset.FromUnixTimeSeconds(start), extras.PeakDurationSeconds ?? 0, wh / 1000)
            : null;
        return new UsageTotals(delivered, received, net, peak,
            delivered is { } d && daysWithData > 0 ? d / daysWithData : null, daysWithData);
    }

    private static double? Sum(IEnumerable<double?> values)
    {
        double? total = null;
        foreach (var v in values)
        {
            if (v is { } x)
                total = (total ?? 0) + x;
        }
        return total;
    }
}
