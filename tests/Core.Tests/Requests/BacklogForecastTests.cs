using GbcPortal.Core.Requests;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Tests.Requests;

// 6 per 60 s, off-peak 6 pm - 6 am America/Los_Angeles; July is PDT (UTC-7). Expected instants worked by hand:
// n requests need ceil(n / 6) windows and the last goes out at the start of the last one.
public sealed class BacklogForecastTests
{
    private static readonly IOptions<DispatchOptions> Options = Microsoft.Extensions.Options.Options.Create(new DispatchOptions());
    private readonly BacklogForecast forecast = new(new OffPeakWindow(Options), Options);

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-07-01T17:00:00", 60, 0, "2025-07-01T17:09:00")] // 10:00 PDT, 10 windows
    [InlineData("2025-07-01T17:00:00", 6, 0, "2025-07-01T17:00:00")] // one window: all now
    [InlineData("2025-07-01T17:00:00", 0, 12, "2025-07-02T01:01:00")] // refreshes wait for 18:00 PDT, 2 windows
    [InlineData("2025-07-01T17:00:00", 12, 6, "2025-07-02T01:00:00")] // 2 windows now, the refresh window at 18:00
    [InlineData("2025-07-01T12:58:00", 0, 24, "2025-07-02T01:01:00")] // 05:58 PDT: 12 go at 05:58 and 05:59, 12 at 18:00-18:01
    [InlineData("2025-07-01T05:00:00", 0, 18, "2025-07-01T05:02:00")] // 22:00 PDT: open now, 3 windows
    [InlineData("2025-07-01T17:00:00", 0, 0, "2025-07-01T17:00:00")] // nothing waiting
    public void LastSendAt_FollowsTheLimitAndTheOffPeakWindow(string start, int anytime, int refresh, string expected)
    {
        Assert.Equal(Utc(expected), forecast.LastSendAt(Utc(start), anytime, refresh));
    }

    [Fact]
    public void ALargeRefreshBacklog_SpillsIntoTheNextNight()
    {
        // One night, 18:00-06:00 PDT, has 720 windows: 4,320 refreshes. One more goes out at 18:00 the next day.
        var last = forecast.LastSendAt(Utc("2025-07-01T17:00:00"), 0, 4_321);

        Assert.Equal(Utc("2025-07-03T01:00:00"), last);
    }
}
