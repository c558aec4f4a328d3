using System.Text;
using GbcPortal.Core.Espi;
using static GbcPortal.Core.Tests.Espi.Reader.TestFeeds;

namespace GbcPortal.Core.Tests.Espi.Reader;

/// <summary>LocalTimeParameters as real feeds write them: wrong-signed tzOffset, truncated DST rules.</summary>
public class ReaderLocalTimeTests
{
    [Fact]
    public void Read_PositiveTzOffsetWithUsRules_ReadAsNegative()
    {
        var xml = Feed(UsagePointEntry(), LocalTimeEntry(tz: "18000"), MeterReadingEntry(), ReadingTypeEntry(), BlockEntry(FallBackMidnight, 1));

        var document = Samples.ReadText(xml);

        Assert.Equal(-18000, document.UsagePoints[0].LocalTime!.TzOffsetSeconds);
        Assert.Contains(document.Warnings, w => w.Contains("+18000", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_PositiveTzOffsetWithoutRules_DailyBlocksAtLocalMidnightDecide()
    {
        // 2019-07-01 00:00 at -05:00 is 05:00Z; daily blocks start there, so +18000 must mean -18000.
        const long midnight = 1561957200;
        var day = new long[24];
        var xml = Feed(UsagePointEntry(), LocalTimeEntry(tz: "18000", start: "FFFFFFFF", end: "FFFFFFFF"), MeterReadingEntry(), ReadingTypeEntry(),
            BlockEntry(midnight, day), BlockEntry(midnight + 86400, day));

        var document = Samples.ReadText(xml);

        Assert.Equal(-18000, document.UsagePoints[0].LocalTime!.TzOffsetSeconds);
    }

    [Fact]
    public void Read_PositiveTzOffsetEurope_KeptAsIs()
    {
        // Central European Time: +3600, last Sunday of March to last Sunday of October.
        var xml = Feed(UsagePointEntry(), LocalTimeEntry(tz: "3600", start: "3E0E2000", end: "AE0E3000"), MeterReadingEntry(), ReadingTypeEntry(), BlockEntry(FallBackMidnight, 1));

        var document = Samples.ReadText(xml);

        Assert.Equal(3600, document.UsagePoints[0].LocalTime!.TzOffsetSeconds);
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public void Read_TruncatedDstRules_UsRulesAssumed_SceSample()
    {
        var document = Samples.Read("sce-bulk-15min-cost.xml");
        var series = Assert.Single(document.Series);
        var local = series.UsagePoint.LocalTime!;

        // The block starts at 1439449200 = 2015-08-13 00:00 PDT (zoneinfo America/Los_Angeles).
        Assert.Equal(DateTimeOffset.Parse("2015-08-13T00:00:00-07:00"), local.ToLocal(series.Readings[0].Start));
        Assert.Equal(TimeSpan.FromHours(-7), local.ToLocal(series.Readings[0].Start).Offset);
        Assert.Contains(document.Warnings, w => w.Contains("'B60E'", StringComparison.Ordinal) && w.Contains("US rules", StringComparison.Ordinal));
        Assert.Equal(0m, series.Readings.Sum(r => r.Cost!.Value)); // the 97 costs are all 0
    }

    [Fact]
    public void Read_TruncatedDstRulesOutsideAmerica_NoDst()
    {
        var xml = Feed(UsagePointEntry(), LocalTimeEntry(tz: "3600", start: "B60E", end: "B40E"), MeterReadingEntry(), ReadingTypeEntry(), BlockEntry(FallBackMidnight, 1));

        var local = Samples.ReadText(xml).UsagePoints[0].LocalTime!;

        Assert.False(DstRules.HasDst(local));
        Assert.Equal(TimeSpan.FromHours(1), local.OffsetAt(DateTimeOffset.Parse("2019-07-01T00:00:00Z")));
    }
}
