using GbcPortal.Core.Requests;
using GbcPortal.Core.Usage;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Tests.Requests;

// 6 pm - 6 am America/Los_Angeles. UTC equivalents worked out by hand from PST (UTC-8) and PDT (UTC-7);
// DST 2025 began 9 March 02:00 and ended 2 November 02:00 local.
public sealed class OffPeakWindowTests
{
    private readonly OffPeakWindow window = new(Options.Create(new DispatchOptions()));

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-07-01T00:59:59", false)] // 17:59:59 PDT
    [InlineData("2025-07-01T01:00:00", true)] // 18:00 PDT
    [InlineData("2025-07-01T12:59:59", true)] // 05:59:59 PDT
    [InlineData("2025-07-01T13:00:00", false)] // 06:00 PDT
    [InlineData("2025-12-01T01:59:59", false)] // 17:59:59 PST
    [InlineData("2025-12-01T02:00:00", true)] // 18:00 PST
    [InlineData("2025-12-01T13:59:59", true)] // 05:59:59 PST
    [InlineData("2025-12-01T14:00:00", false)] // 06:00 PST
    [InlineData("2025-03-09T12:59:59", true)] // 05:59:59 PDT, the morning DST began
    [InlineData("2025-03-09T13:00:00", false)] // 06:00 PDT: an hour earlier in UTC than the day before
    [InlineData("2025-03-08T13:59:59", true)] // 05:59:59 PST, the day before
    [InlineData("2025-11-02T13:59:59", true)] // 05:59:59 PST, the morning DST ended
    [InlineData("2025-11-02T13:00:00", true)] // 05:00 PST
    [InlineData("2025-11-02T14:00:00", false)] // 06:00 PST
    public void IsOffPeak_FollowsTheLocalWallClock(string utc, bool expected)
    {
        Assert.Equal(expected, window.IsOffPeak(Utc(utc)));
    }

    [Theory]
    [InlineData("2025-03-09T15:00:00", "2025-03-10T01:00:00")] // 08:00 PDT -> 18:00 PDT
    [InlineData("2025-03-08T20:00:00", "2025-03-09T02:00:00")] // 12:00 PST -> 18:00 PST
    [InlineData("2025-11-02T15:00:00", "2025-11-03T02:00:00")] // 07:00 PST -> 18:00 PST
    [InlineData("2025-11-01T15:00:00", "2025-11-02T01:00:00")] // 08:00 PDT -> 18:00 PDT
    [InlineData("2025-07-01T05:00:00", "2025-07-01T05:00:00")] // 22:00 PDT: already open
    public void NextOpening_IsTheNextSixPmLocal(string utc, string expected)
    {
        Assert.Equal(Utc(expected), window.NextOpening(Utc(utc)));
    }

    [Fact]
    public void NightWhenDstBegins_IsElevenHoursLong()
    {
        var opening = window.NextOpening(Utc("2025-03-08T20:00:00"));
        var closing = opening;
        while (window.IsOffPeak(closing))
        {
            closing = closing.AddMinutes(1);
        }

        Assert.Equal(TimeSpan.FromHours(11), closing - opening);
    }

    [Fact]
    public void ConfiguredWindow_InAnotherZone_IsHonoured()
    {
        var berlin = new OffPeakWindow(Options.Create(new DispatchOptions
        {
            OffPeakStart = TimeSpan.FromHours(1),
            OffPeakEnd = TimeSpan.FromHours(5),
        }), Options.Create(new UtilityTimeZoneOptions { TimeZone = "Europe/Berlin" }));

        // 01:30 CEST is 23:30Z the day before; 05:00 CET on a winter day is 04:00Z.
        Assert.True(berlin.IsOffPeak(Utc("2025-06-30T23:30:00")));
        Assert.False(berlin.IsOffPeak(Utc("2025-12-01T04:00:00")));
        Assert.Equal(Utc("2025-12-02T00:00:00"), berlin.NextOpening(Utc("2025-12-01T04:00:00")));
    }

    [Theory]
    [InlineData("2025-07-01T05:00:00", "2025-07-01T13:00:00")] // 22:00 PDT -> 06:00 PDT
    [InlineData("2025-07-01T12:59:59", "2025-07-01T13:00:00")] // 05:59:59 PDT
    [InlineData("2025-11-02T05:00:00", "2025-11-02T14:00:00")] // 22:00 PDT the night DST ends -> 06:00 PST
    [InlineData("2025-03-09T05:00:00", "2025-03-09T13:00:00")] // 21:00 PST the night DST begins -> 06:00 PDT
    public void NextClosing_IsTheNextSixAmLocal(string utc, string expected)
    {
        Assert.Equal(Utc(expected), window.NextClosing(Utc(utc)));
    }
}
