using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Tests.Espi.Reader;

/// <summary>
/// The packed DST rules against dates from the calendar: US DST (since 2007) starts the 2nd
/// Sunday of March at 02:00 standard time and ends the 1st Sunday of November at 02:00 daylight time.
/// </summary>
public class DstRulesTests
{
    [Theory]
    [InlineData(2019, "2019-03-10T10:00:00Z", "2019-11-03T09:00:00Z")] // 02:00 PST = 10:00Z; 02:00 PDT = 09:00Z
    [InlineData(2020, "2020-03-08T10:00:00Z", "2020-11-01T09:00:00Z")]
    [InlineData(2026, "2026-03-08T10:00:00Z", "2026-11-01T09:00:00Z")]
    public void Pacific_StartsSecondSundayOfMarchEndsFirstSundayOfNovember(int year, string start, string end)
    {
        var standard = TimeSpan.FromHours(-8);

        Assert.Equal(DateTimeOffset.Parse(start), DstRules.TransitionUtc(0x360E2000, year, standard));
        Assert.Equal(DateTimeOffset.Parse(end), DstRules.TransitionUtc(0xB40E2000, year, standard + TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("2019-03-10T09:59:59Z", -8)]
    [InlineData("2019-03-10T10:00:00Z", -7)]
    [InlineData("2019-07-01T00:00:00Z", -7)]
    [InlineData("2019-11-03T08:59:59Z", -7)]
    [InlineData("2019-11-03T09:00:00Z", -8)]
    [InlineData("2019-12-31T23:00:00Z", -8)]
    public void Pacific_OffsetAt_SwitchesAtTheInstant(string utc, int hours)
    {
        Assert.Equal(TimeSpan.FromHours(hours), LocalTimeParameters.Pacific.OffsetAt(DateTimeOffset.Parse(utc)));
    }

    [Fact]
    public void LastSundayRule_EuropeanSummerTime()
    {
        // month 3, operator 7 (last), Sunday, 02:00 local standard → last Sunday of March 2021 is the 28th, 01:00Z.
        Assert.Equal(DateTimeOffset.Parse("2021-03-28T01:00:00Z"), DstRules.TransitionUtc(0x3E0E2000, 2021, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void FixedDateRule_UsesDayOfMonth()
    {
        // month 4, operator 0 (fixed), day 15, 03:00
        Assert.Equal(DateTimeOffset.Parse("2022-04-15T03:00:00Z"), DstRules.TransitionUtc(0x40F03000, 2022, TimeSpan.Zero));
    }

    [Fact]
    public void NoDst_KeepsStandardOffset()
    {
        var p = new LocalTimeParameters(-18000, 3600, LocalTimeParameters.NoDst, LocalTimeParameters.NoDst);

        Assert.False(DstRules.HasDst(p));
        Assert.Equal(TimeSpan.FromHours(-5), p.OffsetAt(DateTimeOffset.Parse("2019-07-01T00:00:00Z")));
    }

    [Fact]
    public void SouthernHemisphere_DstSpansTheNewYear()
    {
        // Sydney: +10:00, DST from the 1st Sunday of October to the 1st Sunday of April, 02:00 standard / 03:00 daylight.
        var sydney = new LocalTimeParameters(36000, 3600, 0xA40E2000, 0x440E3000);

        Assert.Equal(TimeSpan.FromHours(11), sydney.OffsetAt(DateTimeOffset.Parse("2021-01-15T00:00:00Z")));
        Assert.Equal(TimeSpan.FromHours(10), sydney.OffsetAt(DateTimeOffset.Parse("2021-06-15T00:00:00Z")));
    }
}
