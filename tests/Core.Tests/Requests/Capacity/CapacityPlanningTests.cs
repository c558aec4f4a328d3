using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;

namespace GbcPortal.Core.Tests.Requests.Capacity;

// One send an hour and a quarter kept for new links: a 12-hour night holds 12 sends, C = 9 refreshes.
public sealed class CapacityPlanningTests : CapacityTest
{
    private static readonly DispatchOptions OneAnHour = new() { RequestsPerWindow = 1, WindowSeconds = 3600, OffPeakNewLinkShare = 0.25 };

    [Fact]
    public async Task PlanRefreshes_MoreLinksThanANight_PlansTheStalestWithinCapacity_OneRequestCoveringEachGap()
    {
        UsePipeline(OneAnHour);
        var now = Time.GetUtcNow(); // 10:00 PST on 26 November
        // 20 links, their newest readings 1 to 20 days old, stored in no particular order.
        var ages = Enumerable.Range(1, 20).OrderBy(d => (d * 7) % 20).ToArray();
        var ids = await SeedActiveAsync([.. ages.Select(d => now.AddDays(-d))]);

        var planned = await Pipeline.Planner.PlanRefreshesAsync(TestContext.Current.CancellationToken);

        var refreshes = await RefreshesAsync();
        Assert.Equal(9, planned);
        var stalest = ages.Select((age, i) => (age, id: ids[i])).OrderByDescending(x => x.age).Take(9).ToList();
        Assert.Equal(stalest.Select(x => x.id), refreshes.Select(r => r.LinkId));
        // Each covers its whole gap in one request: from a day before the newest reading to now.
        Assert.All(refreshes.Zip(stalest), pair =>
            Assert.Equal((now.AddDays(-pair.Second.age - 1), now), (pair.First.WindowStart, pair.First.WindowEnd)));
    }

    [Fact]
    public async Task PlanRefreshes_SpreadsTheNightsRequestsEvenlyThroughTheOffPeakWindow_StalestFirst()
    {
        UsePipeline(OneAnHour);
        var now = Time.GetUtcNow();
        await SeedActiveAsync([.. Enumerable.Range(1, 20).Select(d => now.AddDays(-d))]);

        await Pipeline.Planner.PlanRefreshesAsync(TestContext.Current.CancellationToken);

        // 18:00 to 06:00 PST is 02:00 to 14:00 UTC: 9 requests, one every 80 minutes from the opening.
        var refreshes = await RefreshesAsync();
        Assert.Equal(Enumerable.Range(0, 9).Select(i => Utc("2025-11-27T02:00:00") + TimeSpan.FromMinutes(80 * i)),
            refreshes.Select(r => r.NotBefore));
        Assert.Equal(refreshes.OrderBy(r => r.WindowStart).Select(r => r.Id), refreshes.Select(r => r.Id));
    }

    [Fact]
    public async Task PlanRefreshes_InsideTheWindow_OnlyWhatIsLeftOfTheNight_AndASecondRunAddsNothing()
    {
        UsePipeline(OneAnHour);
        Time.SetUtcNow(Utc("2025-11-27T08:00:00")); // midnight PST: 6 hours left, 6 sends, 4 refreshes (2 kept)
        await SeedActiveAsync([.. Enumerable.Range(1, 20).Select(d => Time.GetUtcNow().AddDays(-d))]);

        var first = await Pipeline.Planner.PlanRefreshesAsync(TestContext.Current.CancellationToken);
        var second = await Pipeline.Planner.PlanRefreshesAsync(TestContext.Current.CancellationToken);

        Assert.Equal((4, 0), (first, second));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => Utc("2025-11-27T08:00:00") + TimeSpan.FromMinutes(90 * i)),
            (await RefreshesAsync()).Select(r => r.NotBefore));
    }

    [Fact]
    public async Task PlanRefreshes_AGapBeyond185Days_IsChunkedAndBothChunksAreTonights()
    {
        UsePipeline(OneAnHour);
        var now = Time.GetUtcNow();
        var ids = await SeedActiveAsync(now.AddDays(-200), now.AddDays(-3));

        var planned = await Pipeline.Planner.PlanRefreshesAsync(TestContext.Current.CancellationToken);

        var refreshes = await RefreshesAsync();
        Assert.Equal(3, planned);
        Assert.Equal([ids[0], ids[0], ids[1]], refreshes.Select(r => r.LinkId));
        Assert.Equal([TimeSpan.FromDays(185), TimeSpan.FromDays(16)], refreshes.Take(2).Select(r => r.WindowEnd - r.WindowStart));
        Assert.All(refreshes, r => Assert.True(r.WindowEnd - r.WindowStart <= TimeSpan.FromSeconds(15_984_000)));
    }

    [Theory]
    [InlineData(20, 3)] // ⌈20 / 9⌉
    [InlineData(9, 1)]
    [InlineData(27, 3)]
    public async Task EveryActiveService_IsRefreshedWithinTheCycle_NightAfterNight(int services, int cycle)
    {
        UsePipeline(OneAnHour);
        var capacity = new RefreshCapacity(1, TimeSpan.FromHours(1), TimeSpan.FromHours(12), 0.25);
        Assert.Equal(cycle, capacity.CycleDays(services));
        var now = Time.GetUtcNow();
        var ids = await SeedActiveAsync([.. Enumerable.Range(0, services).Select(i => now.AddDays(-2).AddMinutes(-i))]);

        // Each day: plan at 10:00 PST, dispatch through the night until 10:00 PST the next day.
        var refreshedOn = ids.ToDictionary(id => id, _ => new List<int>());
        for (var night = 0; night < cycle; night++)
        {
            Time.SetUtcNow(Utc("2025-11-26T18:00:00").AddDays(night));
            var before = Utility.Sent.Count;
            await Pipeline.Planner.PlanRefreshesAsync(TestContext.Current.CancellationToken);
            await RunDispatchUntilAsync(Time.GetUtcNow().AddDays(1));
            foreach (var sent in Utility.Sent.Skip(before))
            {
                var seedIndex = (int)(long.Parse(sent.Submission.ServiceId, System.Globalization.CultureInfo.InvariantCulture) - 3_000_000_000L);
                refreshedOn[ids[seedIndex]].Add(night);
            }

            Assert.InRange(Utility.Sent.Count - before, 1, 9);
        }

        Assert.All(refreshedOn, pair => Assert.NotEmpty(pair.Value));
        Assert.All(Utility.Sent, s => Assert.True(IsOffPeakByHand(s.At), $"sent at {s.At:O}"));
    }

    // Written apart from OffPeakWindow: in late November Los Angeles is UTC-8, so off-peak is 02:00-14:00 UTC.
    private static bool IsOffPeakByHand(DateTimeOffset utc) => utc.UtcDateTime.Hour is >= 2 and < 14;
}
