using System.Globalization;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Tests.Persistence;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Tests.Requests.Capacity;

/// <summary>
/// The capacity panel's figures from the database (<see cref="CapacityQueries"/>): its staleness is counted in SQL
/// written by hand, so it is checked on both providers.
/// </summary>
public sealed class CapacityQueriesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ActiveServicesNotUnderReview_AreCountedByTheAgeOfTheirNewestReading_AndTheBacklogByKind(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.CreateAsync(provider);
        var owner = await database.AddUserAsync("capacity@example.com");
        var time = Pipeline.ClockAt("2025-11-26T18:00:00Z");
        var now = time.GetUtcNow();
        var midnight = DateTimeOffset.Parse("2025-11-26T08:00:00Z", CultureInfo.InvariantCulture); // local midnight, PST
        var serial = 0;
        ServiceLink Link(LinkStatus status, DateTimeOffset? newest, bool review = false) => new()
        {
            OwnerId = owner,
            ServiceId = (4_000_000_000L + serial++).ToString(CultureInfo.InvariantCulture),
            Status = status,
            LastCompleteReadingAt = newest,
            NeedsReview = review,
            CreatedAt = now,
            StatusChangedAt = now,
        };

        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            // Counted: 3 a day old (10 h after their midnight: 0 days), 2 three days old, 1 forty days old, 2 without readings.
            db.ServiceLinks.AddRange(Enumerable.Range(0, 3).Select(_ => Link(LinkStatus.Active, midnight)));
            db.ServiceLinks.AddRange(Enumerable.Range(0, 2).Select(_ => Link(LinkStatus.Active, midnight.AddDays(-3))));
            db.ServiceLinks.Add(Link(LinkStatus.Active, midnight.AddDays(-40)));
            db.ServiceLinks.AddRange(Enumerable.Range(0, 2).Select(_ => Link(LinkStatus.Active, null)));
            // Not counted: active but held for review, pending, unlinked.
            db.ServiceLinks.Add(Link(LinkStatus.Active, midnight.AddDays(-9), review: true));
            db.ServiceLinks.Add(Link(LinkStatus.Pending, null));
            db.ServiceLinks.Add(Link(LinkStatus.Unlinked, midnight.AddDays(-2)));
            await db.SaveChangesAsync(Ct);

            var link = db.ServiceLinks.Local.First().Id;
            foreach (var (kind, status) in new[]
                     {
                         (RequestKind.Refresh, RequestStatus.Pending), (RequestKind.Refresh, RequestStatus.Pending),
                         (RequestKind.Verify, RequestStatus.Pending), (RequestKind.Backfill, RequestStatus.Pending),
                         (RequestKind.Backfill, RequestStatus.Pending), (RequestKind.Refresh, RequestStatus.Submitted),
                     })
            {
                var request = new PlannedWindow(kind, now.AddDays(-8), now.AddDays(-1), 100).ToRequest(link, now);
                request.Status = status;
                db.DataRequests.Add(request);
            }

            await db.SaveChangesAsync(Ct);
        }

        var dispatch = Options.Create(new DispatchOptions());
        var offPeak = new OffPeakWindow(dispatch);
        var report = await new CapacityQueries(database.Factory, offPeak, new BacklogForecast(offPeak, dispatch), time, dispatch).GetAsync(Ct);

        Assert.Equal((8, 2), (report.ActiveServices, report.WithoutReadings));
        var bars = report.Staleness.Where(b => b.Services > 0).Select(b => (b.DaysOld, b.Services)).ToList();
        Assert.Equal([(0, 3), (3, 2), (CapacityQueries.StalenessCap, 1)], bars);
        Assert.Equal(CapacityQueries.StalenessCap + 1, report.Staleness.Count);
        Assert.Equal((2, 3), (report.RefreshBacklog, report.NewLinkBacklog));
        Assert.Equal(3, report.OverdueServices); // a one-night cycle: older than two days (it and the lag) is overdue
    }
}
