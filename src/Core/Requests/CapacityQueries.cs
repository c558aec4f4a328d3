using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>Builds the <see cref="CapacityReport"/> staff read on /staff from the database and the settings.</summary>
public sealed class CapacityQueries(
    IDbContextFactory<PortalDbContext> dbFactory,
    OffPeakWindow offPeak,
    BacklogForecast forecast,
    TimeProvider time,
    IOptions<DispatchOptions> options)
{
    /// <summary>Ages from this many days on share the last bar.</summary>
    public const int StalenessCap = 30;

    private readonly DispatchOptions settings = options.Value;

    public async Task<CapacityReport> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var control = await db.DispatchControl.AsNoTracking().SingleAsync(cancellationToken);
        var rate = control.RequestsPerWindow ?? settings.RequestsPerWindow;
        var capacity = RefreshCapacity.Nominal(settings, offPeak, rate);

        // Grouped by instant in the database: readings end at local midnights, so there are few distinct values. Written
        // in SQL because EF writes the flag as NOT "NeedsReview", which SQLite cannot seek: with "NeedsReview" = FALSE it
        // reads IX_ServiceLinks_Status_Newest in its order, grouping as it goes (half the time, and no sort).
        var newest = (await db.Database.SqlQuery<NewestCount>($"""
            SELECT "LastCompleteReadingAt" AS "Newest", COUNT(*) AS "Count" FROM "ServiceLinks"
            WHERE "Status" = {(int)LinkStatus.Active} AND "NeedsReview" = FALSE
            GROUP BY "LastCompleteReadingAt"
            """).ToListAsync(cancellationToken))
            .Select(g => new { Newest = g.Newest is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : (DateTimeOffset?)null, Count = (int)g.Count })
            .ToList();
        var active = newest.Sum(g => g.Count);
        var withoutReadings = newest.Where(g => g.Newest is null).Sum(g => g.Count);
        var ages = newest.Where(g => g.Newest is not null)
            .Select(g => (Days: Math.Max(0, (int)Math.Floor((now - g.Newest!.Value).TotalDays)), g.Count)).ToList();
        var cycle = capacity.CycleDays(active);
        // Overdue: older than a cycle plus the day the utility's data lags (it ends at the previous local midnight).
        var overdue = cycle is { } c ? ages.Where(a => a.Days > c + 1).Sum(a => a.Count) : ages.Sum(a => a.Count);

        // By kind, as IX_DataRequests_Status_Kind_NotBefore holds them (no sort), then refreshes against the rest.
        var pending = (await db.DataRequests.Where(r => r.Status == RequestStatus.Pending)
            .GroupBy(r => r.Kind).Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken)).Select(p => new { Refresh = p.Kind == RequestKind.Refresh, p.Count }).ToList();
        var refreshBacklog = pending.Where(p => p.Refresh).Sum(p => p.Count);
        var newLinkBacklog = pending.Where(p => !p.Refresh).Sum(p => p.Count);
        var from = control.HoldUntil > now ? control.HoldUntil.Value : now;
        DateTimeOffset? drainsAt = control.Paused ? null : forecast.LastSendAt(from, newLinkBacklog, refreshBacklog, rate);

        return new CapacityReport(now, active, withoutReadings, settings.RequestsPerWindow, capacity, Buckets(ages),
            overdue, newLinkBacklog, refreshBacklog, drainsAt, cycle is { } nights ? CycleEnd(now, nights) : null,
            Scenarios(capacity, active));
    }

    // Every age from 0 to the oldest (capped), so the chart shows the gaps too.
    private static List<StalenessBucket> Buckets(List<(int Days, int Count)> ages)
    {
        if (ages.Count == 0)
        {
            return [];
        }

        var oldest = Math.Min(ages.Max(a => a.Days), StalenessCap);
        return Enumerable.Range(0, oldest + 1)
            .Select(d => new StalenessBucket(d, ages.Where(a => d == StalenessCap ? a.Days >= d : a.Days == d).Sum(a => a.Count), d == StalenessCap))
            .ToList();
    }

    // The morning the last of the next `nights` off-peak windows closes: by then every active service has had its turn.
    private DateTimeOffset CycleEnd(DateTimeOffset now, int nights)
    {
        var close = now;
        for (var night = 0; night < nights; night++)
        {
            close = offPeak.CurrentOrNext(close).Close;
        }

        return close;
    }

    // What staff ask when the utility talks of a new limit: a few rates around the one in force.
    private static List<RateScenario> Scenarios(RefreshCapacity capacity, int active)
    {
        var rate = capacity.RequestsPerWindow;
        int[] rates = [rate / 2, rate - 2, rate - 1, rate + 1, rate + 2, rate * 2];
        return rates.Where(r => r >= DispatchRate.MinRequestsPerWindow && r <= DispatchRate.MaxRequestsPerWindow && r != rate)
            .Distinct().Order()
            .Select(r => capacity.WithRate(r))
            .Select(c => new RateScenario(c.RequestsPerWindow, c.NightlyRefreshes, c.CycleDays(active)))
            .ToList();
    }

    private sealed record NewestCount(long? Newest, long Count);
}
