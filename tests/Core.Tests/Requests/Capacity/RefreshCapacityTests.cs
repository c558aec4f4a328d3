using GbcPortal.Core.Requests;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Tests.Requests.Capacity;

// Expected figures worked by hand: a 12-hour night holds 720 one-minute windows.
public sealed class RefreshCapacityTests
{
    [Theory]
    [InlineData(6, 60, 12, 0.0, 4_320, 50_000, 12)] // the figures: 50,000 services, 4,320 a night
    [InlineData(6, 60, 12, 0.1, 3_888, 50_000, 13)] // 432 kept for new links: 50,000 / 3,888 = 12.86
    [InlineData(4, 60, 12, 0.1, 2_592, 50_000, 20)] // 2,880 - 288
    [InlineData(6, 60, 12, 0.25, 3_240, 4_320, 2)] // a quarter kept: 4,320 services no longer fit in one night
    [InlineData(6, 60, 12, 0.1, 3_888, 3_888, 1)]
    [InlineData(6, 60, 12, 0.1, 3_888, 3_889, 2)]
    [InlineData(10, 60, 8, 0.1, 4_320, 50_000, 12)] // a shorter window at a higher rate: 4,800 - 480
    [InlineData(1, 3_600, 12, 0.25, 9, 20, 3)] // one an hour: 12 a night, 3 kept
    [InlineData(6, 60, 12, 0.1, 3_888, 0, 1)]
    public void CycleDays_IsTheCeilingOfServicesOverNightlyCapacity(
        int rate, int windowSeconds, int offPeakHours, double share, long nightly, int services, int cycle)
    {
        var capacity = new RefreshCapacity(rate, TimeSpan.FromSeconds(windowSeconds), TimeSpan.FromHours(offPeakHours), share);

        Assert.Equal(nightly, capacity.NightlyRefreshes);
        Assert.Equal(capacity.OffPeakSlots, capacity.NightlyRefreshes + capacity.NewLinkReserve);
        Assert.Equal(cycle, capacity.CycleDays(services));
    }

    [Fact]
    public void WithRate_RecomputesTheCycle_AtFourAMinuteFiftyThousandServicesTakeTwentyNights()
    {
        var atSix = new RefreshCapacity(6, TimeSpan.FromMinutes(1), TimeSpan.FromHours(12), 0.1);

        Assert.Equal((13, 20, 9), (atSix.CycleDays(50_000), atSix.WithRate(4).CycleDays(50_000), atSix.WithRate(9).CycleDays(50_000)));
    }

    [Fact]
    public void NoRefreshFits_CycleIsNull()
    {
        var nothing = new RefreshCapacity(1, TimeSpan.FromDays(1), TimeSpan.FromHours(12), 0.1);

        Assert.Equal((0L, (int?)null), (nothing.NightlyRefreshes, nothing.CycleDays(10)));
    }

    [Fact]
    public void Nominal_UsesTheConfiguredWindowShareAndTheWallClockNight()
    {
        var options = new DispatchOptions { OffPeakStart = TimeSpan.FromHours(22), OffPeakEnd = TimeSpan.FromHours(4), OffPeakNewLinkShare = 0.5 };
        var capacity = RefreshCapacity.Nominal(options, new OffPeakWindow(Options.Create(options)), 6);

        Assert.Equal((TimeSpan.FromHours(6), 2_160L, 1_080L, 6_480L), (capacity.OffPeak, capacity.OffPeakSlots, capacity.NightlyRefreshes, capacity.PeakSlots));
    }
}
