using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Tests.Espi.Writer;

public class EspiWriterRoundTripTests
{
    [Fact]
    public void WriteThenRead_GivesBackTheSameReadings_ForManyRandomFeeds()
    {
        var random = new Random(20261126);
        for (var run = 0; run < 120; run++)
        {
            var written = RandomFeeds.Make(random);
            var feed = WriterSamples.Write(written, new EspiWriterOptions { Indent = run % 2 == 0 });
            if (run % 15 == 0)
                Assert.Empty(EspiSchemaValidator.Validate(feed));
            feed.Position = 0;

            var read = new EspiReader().Read(feed);

            Assert.Equal(0, read.DuplicatesDropped);
            Assert.Equal(written.Count, read.Series.Count);
            foreach (var expected in written)
            {
                var actual = Assert.Single(read.Series, s => s.UsagePoint.Id == expected.UsagePoint.Id && s.ReadingType.Id == expected.ReadingType.Id);
                AssertSame(expected, actual, run);
            }
        }
    }

    [Fact]
    public void PlainIds_ComeBackAsTheLinksTheWriterMade()
    {
        var series = new EspiSeries(WriterSamples.PacificHome, WriterSamples.Delivered, WriterSamples.Readings(1572764400, 25, 3600, i => i));
        var options = new EspiWriterOptions { BaseUri = new Uri(RandomFeeds.Root), SubscriptionId = "5" };

        var read = new EspiReader().Read(WriterSamples.Write([series], options));

        var only = Assert.Single(read.Series);
        Assert.Equal(RandomFeeds.Root + "/Subscription/5/UsagePoint/1001", only.UsagePoint.Id);
        Assert.Equal(RandomFeeds.Root + "/ReadingType/wh-forward", only.ReadingType.Id);
        Assert.Equal(LocalTimeParameters.Pacific, only.UsagePoint.LocalTime);
        Assert.Equal(25, only.Readings.Count);
    }

    [Fact]
    public void UsageSummary_ComesBackWithItsPeriodBillAndConsumption()
    {
        var (series, options) = WriterSamples.Rich();

        var read = new EspiReader().Read(WriterSamples.Write(series, options));

        var summary = Assert.Single(read.Summaries);
        Assert.Equal("https://utility.test/DataCustodian/espi/1_1/resource/Subscription/77/UsagePoint/1001", summary.UsagePointId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1572678000), summary.PeriodStart);
        Assert.Equal(2 * 86400 + 3600, summary.PeriodDurationSeconds);
        Assert.Equal(12345.5, summary.ConsumptionValue!.Value, 9);
        Assert.Equal("Wh", summary.ConsumptionUnit);
        Assert.Equal(41.27m, summary.BillAmount);
        Assert.Equal(840, summary.Currency);
    }

    private static void AssertSame(EspiSeries expected, EspiSeries actual, int run)
    {
        Assert.Equal(expected.UsagePoint.Kind, actual.UsagePoint.Kind);
        Assert.Equal(expected.UsagePoint.LocalTime, actual.UsagePoint.LocalTime);
        var (e, a) = (expected.ReadingType, actual.ReadingType);
        // A type whose readings carry cost gets a currency when it has none (US dollars by default).
        var currency = e.Currency ?? (expected.Readings.Any(r => r.Cost is not null) ? EspiWriterOptions.UsDollars : null);
        Assert.Equal((e.Commodity, e.FlowDirection, e.Uom, e.PowerOfTenMultiplier, e.IntervalLengthSeconds, e.Kind, e.Accumulation, currency),
            (a.Commodity, a.FlowDirection, a.Uom, a.PowerOfTenMultiplier, a.IntervalLengthSeconds, a.Kind, a.Accumulation, a.Currency));

        Assert.Equal(expected.Readings.Count, actual.Readings.Count);
        for (var i = 0; i < expected.Readings.Count; i++)
        {
            var (x, y) = (expected.Readings[i], actual.Readings[i]);
            Assert.True(x.Start == y.Start && x.DurationSeconds == y.DurationSeconds && x.Cost == y.Cost && x.Quality == y.Quality,
                $"run {run}, reading {i}: wrote {x}, read {y}");
            Assert.True(Math.Abs(x.Value - y.Value) <= 1e-9 * Math.Max(1, Math.Abs(x.Value)), $"run {run}, reading {i}: wrote {x.Value}, read {y.Value}");
        }
    }
}
