using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Tests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Requests;

// Expected instants were worked out with Python's zoneinfo (America/Los_Angeles), not with this code.
public sealed class RequestPlannerTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static RequestPlanner Planner(PlanningOptions? options = null) =>
        new Pipeline(PortalDatabase.CreateSqliteFactory(":memory:"), TimeProvider.System, new ScriptedUtilityClient(TimeProvider.System),
            planning: options).Planner;

    [Fact]
    public void PlanNewLink_ThirteenMonths_VerifyThenThreeBackfillChunksNewestFirst()
    {
        var plan = Planner().PlanNewLink(Utc("2025-11-26T15:00:00"));

        Assert.Equal(
            [
                (RequestKind.Verify, Utc("2025-11-19T08:00:00"), Utc("2025-11-26T08:00:00"), 0),
                (RequestKind.Backfill, Utc("2025-05-18T08:00:00"), Utc("2025-11-19T08:00:00"), 100),
                (RequestKind.Backfill, Utc("2024-11-14T08:00:00"), Utc("2025-05-18T08:00:00"), 101),
                (RequestKind.Backfill, Utc("2024-10-26T07:00:00"), Utc("2024-11-14T08:00:00"), 102),
            ],
            plan.Select(w => (w.Kind, w.Start, w.End, w.Priority)));
    }

    [Fact]
    public void PlanNewLink_LateEveningPacific_EndsAtThatLocalDaysMidnight()
    {
        // 07:30Z is 23:30 on the 25th in Los Angeles: the previous local midnight is the 25th's.
        var plan = Planner().PlanNewLink(Utc("2025-11-26T07:30:00"));

        Assert.Equal(Utc("2025-11-25T08:00:00"), plan[0].End);
        Assert.Equal(Utc("2025-11-18T08:00:00"), plan[0].Start);
        Assert.Equal(Utc("2024-10-25T07:00:00"), plan[^1].Start);
    }

    [Fact]
    public void PlanVerify_AcrossSpringForward_IsSevenLocalDaysOf167Hours()
    {
        var verify = Planner().PlanVerify(Utc("2025-03-12T20:00:00"));

        Assert.Equal(Utc("2025-03-05T08:00:00"), verify.Start);
        Assert.Equal(Utc("2025-03-12T07:00:00"), verify.End);
        Assert.Equal(TimeSpan.FromHours(167), verify.Duration);
    }

    [Theory]
    [InlineData("2025-03-12T20:00:00", 13)]
    [InlineData("2025-11-02T12:00:00", 13)]
    [InlineData("2026-01-15T03:00:00", 36)]
    public void PlanNewLink_AnyDate_WindowsAreContiguousAndWithinTheUtilityLimit(string now, int months)
    {
        var plan = Planner(new PlanningOptions { HistoryMonths = months }).PlanNewLink(Utc(now));

        Assert.All(plan, w => Assert.InRange((w.End - w.Start).TotalSeconds, 1, 15_984_000));
        for (var i = 1; i < plan.Count; i++)
        {
            Assert.Equal(plan[i - 1].Start, plan[i].End);
        }

        var expectedChunks = (int)Math.Ceiling((plan[1].End - plan[^1].Start).TotalSeconds / 15_984_000);
        Assert.Equal(expectedChunks + 1, plan.Count);
    }

    [Fact]
    public void PlanRefresh_StartsADayBeforeTheLastReading_AndEndsNow()
    {
        var plan = Planner().PlanRefresh(Utc("2025-11-20T08:00:00"), Utc("2025-11-26T03:30:15.5"));

        var window = Assert.Single(plan);
        Assert.Equal((RequestKind.Refresh, Utc("2025-11-19T08:00:00"), Utc("2025-11-26T03:30:15")), (window.Kind, window.Start, window.End));
    }

    [Fact]
    public void PlanRefresh_AfterALongGap_IsChunked()
    {
        // 200 days + 1 day of overlap: one full 185-day chunk (newest) and 16 days.
        var plan = Planner().PlanRefresh(Utc("2025-01-01T00:00:00"), Utc("2025-07-20T00:00:00"));

        Assert.Equal([TimeSpan.FromDays(185), TimeSpan.FromDays(16)], plan.Select(w => w.Duration));
        Assert.Equal(Utc("2025-07-20T00:00:00"), plan[0].End);
    }

    [Fact]
    public async Task PlanRefreshesAsync_OnlyActiveLinksWithData_AndOnlyOnce()
    {
        await using var database = await TempDatabase.CreateAsync();
        var owner = await database.AddUserAsync("a@example.com");
        var time = Pipeline.ClockAt("2025-11-26T03:00:00Z");
        var pipeline = new Pipeline(database.Factory, time, new ScriptedUtilityClient(time));
        await using (var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.ServiceLinks.AddRange(
                NewLink(owner, "1000000001", LinkStatus.Active, Utc("2025-11-25T08:00:00")),
                NewLink(owner, "1000000002", LinkStatus.Active, null),
                NewLink(owner, "1000000003", LinkStatus.AccessRevoked, Utc("2025-11-25T08:00:00")));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var first = await pipeline.Planner.PlanRefreshesAsync(TestContext.Current.CancellationToken);
        var second = await pipeline.Planner.PlanRefreshesAsync(TestContext.Current.CancellationToken);

        Assert.Equal((1, 0), (first, second));
        await using var read = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var refresh = await read.DataRequests.Include(r => r.Link).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("1000000001", RequestKind.Refresh, Utc("2025-11-24T08:00:00"), Utc("2025-11-26T03:00:00")),
            (refresh.Link!.ServiceId, refresh.Kind, refresh.WindowStart, refresh.WindowEnd));
    }

    private static ServiceLink NewLink(string owner, string serviceId, LinkStatus status, DateTimeOffset? lastReading) => new()
    {
        OwnerId = owner,
        ServiceId = serviceId,
        Status = status,
        LastCompleteReadingAt = lastReading,
    };
}
