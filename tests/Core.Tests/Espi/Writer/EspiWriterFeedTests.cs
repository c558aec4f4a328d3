using GbcPortal.Core.Espi;
using static GbcPortal.Core.Tests.Espi.Writer.FeedInspector;

namespace GbcPortal.Core.Tests.Espi.Writer;

public class EspiWriterFeedTests
{
    private const string Root = "https://utility.test/DataCustodian/espi/1_1/resource";
    private const string UsagePoint = Root + "/Subscription/77/UsagePoint/1001";

    [Fact]
    public void Links_TieResourcesTheWayRealFeedsDo()
    {
        var (series, options) = WriterSamples.Rich();
        var feed = new FeedInspector(WriterSamples.Write(series, options));

        Assert.Equal(Root + "/Batch/Subscription/77", Link(feed.Document.Root!, "self"));
        var up = feed.EntriesOf("UsagePoint")[0];
        Assert.Equal(UsagePoint, Link(up, "self"));
        Assert.Equal(Root + "/Subscription/77/UsagePoint", Link(up, "up"));
        Assert.Equal([UsagePoint + "/MeterReading", UsagePoint + "/UsageSummary", Root + "/LocalTimeParameters/1"], Links(up, "related"));

        var meterReading = feed.EntriesOf("MeterReading")[0];
        Assert.Equal(UsagePoint + "/MeterReading/1", Link(meterReading, "self"));
        Assert.Equal(UsagePoint + "/MeterReading", Link(meterReading, "up"));
        Assert.Equal([UsagePoint + "/MeterReading/1/IntervalBlock", Root + "/ReadingType/wh-forward"], Links(meterReading, "related"));

        var block = feed.EntriesOf("IntervalBlock")[0];
        Assert.Equal(UsagePoint + "/MeterReading/1/IntervalBlock/1572678000", Link(block, "self"));
        Assert.Equal(UsagePoint + "/MeterReading/1/IntervalBlock", Link(block, "up"));

        var readingType = feed.EntriesOf("ReadingType")[0];
        Assert.Equal(Root + "/ReadingType/wh-forward", Link(readingType, "self"));
        Assert.Equal(Root + "/ReadingType", Link(readingType, "up"));
        Assert.Equal(Root + "/LocalTimeParameters", Link(feed.EntriesOf("LocalTimeParameters")[0], "up"));
        Assert.Equal(UsagePoint + "/UsageSummary/1", Link(feed.EntriesOf("UsageSummary")[0], "self"));
    }

    [Fact]
    public void Entries_CountOnePerResource_AndIdsAreUnique()
    {
        var (series, options) = WriterSamples.Rich();
        var feed = new FeedInspector(WriterSamples.Write(series, options));

        Assert.Single(feed.EntriesOf("LocalTimeParameters")); // only the Pacific usage point has one
        Assert.Equal(2, feed.EntriesOf("UsagePoint").Count);
        Assert.Equal(3, feed.EntriesOf("ReadingType").Count);
        Assert.Equal(3, feed.EntriesOf("MeterReading").Count);
        // Delivered: Nov 2 (24 h) + Nov 3 (25 h) = 49 readings in 2 blocks; Received: 8 in 1; Therms: 3 UTC days.
        Assert.Equal(6, feed.EntriesOf("IntervalBlock").Count);
        Assert.Single(feed.EntriesOf("UsageSummary"));
        var ids = feed.Entries.Select(e => (string)e.Element(AtomNs + "id")!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith("urn:uuid:", id, StringComparison.Ordinal));
    }

    [Fact]
    public void FallBackDay_IsOne25HourBlockStartingAtLocalMidnight()
    {
        // 2019-11-03 00:00 PDT = 1572764400, 2019-11-04 00:00 PST = 1572854400 (zoneinfo): 90,000 s.
        var series = new EspiSeries(WriterSamples.PacificHome, WriterSamples.Delivered, WriterSamples.Readings(1572764400, 25, 3600, i => i));
        var feed = new FeedInspector(WriterSamples.Write([series]));

        var block = Content(Assert.Single(feed.EntriesOf("IntervalBlock")), "IntervalBlock");
        var interval = block.Element(EspiNs + "interval")!;
        Assert.Equal(90000, Number(interval, "duration"));
        Assert.Equal(1572764400, Number(interval, "start"));
        Assert.Equal(25, block.Elements(EspiNs + "IntervalReading").Count());
    }

    [Fact]
    public void SpringForwardDay_Is92QuarterHoursIn82800Seconds()
    {
        // 2024-03-10 00:00 PST = 1710057600, 2024-03-11 00:00 PDT = 1710140400.
        var series = new EspiSeries(WriterSamples.PacificHome, WriterSamples.Received, WriterSamples.Readings(1710057600, 92 + 4, 900, i => i));
        var feed = new FeedInspector(WriterSamples.Write([series]));

        var blocks = feed.EntriesOf("IntervalBlock").Select(e => Content(e, "IntervalBlock")).ToList();
        Assert.Equal(2, blocks.Count);
        Assert.Equal(82800, Number(blocks[0].Element(EspiNs + "interval")!, "duration"));
        Assert.Equal(92, blocks[0].Elements(EspiNs + "IntervalReading").Count());
        Assert.Equal(1710140400, Number(blocks[1].Element(EspiNs + "interval")!, "start"));
        Assert.Equal(4, blocks[1].Elements(EspiNs + "IntervalReading").Count());
    }

    [Fact]
    public void WithoutLocalTime_BlocksAreUtcDays_SpanningTheirReadings()
    {
        // 2024-01-01T22:00Z and the next 4 hours: two UTC days, of 2 hours each.
        var series = new EspiSeries(WriterSamples.UtcMeter, WriterSamples.Delivered, WriterSamples.Readings(1704146400, 4, 3600, i => i));
        var feed = new FeedInspector(WriterSamples.Write([series]));

        var intervals = feed.EntriesOf("IntervalBlock").Select(e => Content(e, "IntervalBlock").Element(EspiNs + "interval")!).ToList();
        Assert.Equal([1704146400L, 1704153600L], intervals.Select(i => Number(i, "start")));
        Assert.Equal([7200L, 7200L], intervals.Select(i => Number(i, "duration")));
        Assert.Empty(feed.EntriesOf("LocalTimeParameters"));
    }

    [Fact]
    public void PartialDay_BlockSpansExactlyItsReadings_NotTheLocalDay()
    {
        // 2019-11-02 14:00 PDT (21:00Z) for one hour of quarter hours: a download that starts mid-day.
        var series = new EspiSeries(WriterSamples.PacificHome, WriterSamples.Received, WriterSamples.Readings(1572728400, 4, 900, i => i));
        var feed = new FeedInspector(WriterSamples.Write([series]));

        var block = Assert.Single(feed.EntriesOf("IntervalBlock"));
        var interval = Content(block, "IntervalBlock").Element(EspiNs + "interval")!;
        Assert.Equal(1572728400, Number(interval, "start"));
        Assert.Equal(3600, Number(interval, "duration"));
        Assert.EndsWith("/IntervalBlock/1572728400", Link(block, "self"), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryEntry_ListsUpThenSelfThenRelated_AsTheUtilityDoes()
    {
        var (series, options) = WriterSamples.Rich();
        var feed = new FeedInspector(WriterSamples.Write(series, options));

        foreach (var entry in feed.Entries)
        {
            var rels = entry.Elements(AtomNs + "link").Select(l => (string)l.Attribute("rel")!).ToList();
            Assert.Equal(["up", "self"], rels.Take(2));
            Assert.All(rels.Skip(2), rel => Assert.Equal("related", rel));
        }
        // The utility's entry order: local time, reading types, then the usage point, then its readings.
        var kinds = feed.Entries.Select(e => e.Element(AtomNs + "content")!.Elements().First().Name.LocalName).Take(5);
        Assert.Equal(["LocalTimeParameters", "ReadingType", "ReadingType", "UsagePoint", "MeterReading"], kinds);
    }

    [Fact]
    public void CostWithoutCurrency_WritesTheDefaultCurrency()
    {
        var type = WriterSamples.Received; // no currency of its own
        var readings = WriterSamples.Readings(1704067200, 2, 900, _ => 10, i => i == 0 ? 0.5m : null);
        var feed = new FeedInspector(WriterSamples.Write([new EspiSeries(WriterSamples.UtcMeter, type, readings)]));

        Assert.Equal(840, Number(Content(feed.EntriesOf("ReadingType")[0], "ReadingType"), "currency"));
        var withoutCost = new FeedInspector(WriterSamples.Write([new EspiSeries(WriterSamples.UtcMeter, type, WriterSamples.Readings(1704067200, 2, 900, _ => 10))]));
        Assert.Null(Content(withoutCost.EntriesOf("ReadingType")[0], "ReadingType").Element(EspiNs + "currency"));
    }

    [Fact]
    public void Readings_AreScaledCostedAndQualified()
    {
        var type = WriterSamples.Delivered with { PowerOfTenMultiplier = 1 };
        IntervalReading[] readings =
        [
            new(DateTimeOffset.FromUnixTimeSeconds(1704067200), 3600, 25, 0.12345m, new QualityCodes().With(8).With(19)),
            new(DateTimeOffset.FromUnixTimeSeconds(1704070800), 3600, -34.9),
        ];
        var feed = new FeedInspector(WriterSamples.Write([new EspiSeries(WriterSamples.UtcMeter, type, readings)]));

        var written = Content(feed.EntriesOf("IntervalBlock")[0], "IntervalBlock").Elements(EspiNs + "IntervalReading").ToList();
        Assert.Equal(3, Number(written[0], "value")); // 25 / 10 = 2.5, away from zero
        Assert.Equal(12345, Number(written[0], "cost"));
        Assert.Equal([8L, 19L], written[0].Elements(EspiNs + "ReadingQuality").Select(q => Number(q, "quality")));
        Assert.Equal(-3, Number(written[1], "value"));
        Assert.Null(written[1].Element(EspiNs + "cost"));
        Assert.Empty(written[1].Elements(EspiNs + "ReadingQuality"));
    }

    [Fact]
    public void MilliMultiplier_WritesExactIntegers()
    {
        var readings = WriterSamples.Readings(1704067200, 1, 3600, _ => 1109.3);
        var feed = new FeedInspector(WriterSamples.Write([new EspiSeries(WriterSamples.UtcMeter, WriterSamples.Delivered, readings)]));

        var reading = Content(feed.EntriesOf("IntervalBlock")[0], "IntervalBlock").Element(EspiNs + "IntervalReading")!;
        Assert.Equal(1109300, Number(reading, "value"));
    }

    [Fact]
    public void UsageSummary_CarriesPeriodBillAndConsumption()
    {
        var (series, options) = WriterSamples.Rich();
        var feed = new FeedInspector(WriterSamples.Write(series, options));

        var summary = Content(feed.EntriesOf("UsageSummary")[0], "UsageSummary");
        Assert.Equal(1572678000, Number(summary.Element(EspiNs + "billingPeriod")!, "start"));
        Assert.Equal(4127000, Number(summary, "billLastPeriod"));
        Assert.Equal(840, Number(summary, "currency"));
        var consumption = summary.Element(EspiNs + "overallConsumptionLastPeriod")!;
        Assert.Equal(-3, Number(consumption, "powerOfTenMultiplier"));
        Assert.Equal(72, Number(consumption, "uom"));
        Assert.Equal(12345500, Number(consumption, "value"));
        Assert.Equal(1572955200, Number(summary, "statusTimeStamp")); // 2019-11-05T12:00Z
    }

    [Fact]
    public void SameInput_GivesSameBytes()
    {
        var (series, _) = WriterSamples.Rich();

        Assert.Equal(WriterSamples.Write(series).ToArray(), WriterSamples.Write(series).ToArray());
    }

    [Fact]
    public void UsagePointIdThatIsALink_IsKeptAsSelfLink()
    {
        const string self = "https://api.pge.com/GreenButtonConnect/espi/1_1/resource/Subscription/4095251/UsagePoint/5391320451";
        var up = WriterSamples.UtcMeter with { Id = self };
        var feed = new FeedInspector(WriterSamples.Write([new EspiSeries(up, WriterSamples.Therms, WriterSamples.Readings(0, 1, 86400, _ => 1))]));

        Assert.Equal(self, Link(feed.EntriesOf("UsagePoint")[0], "self"));
        Assert.Equal(self + "/MeterReading/1", Link(feed.EntriesOf("MeterReading")[0], "self"));
    }

    [Fact]
    public void BadInput_ThrowsArgumentException_AndWritesNothing()
    {
        var (series, options) = WriterSamples.Rich();
        var stream = new MemoryStream();

        Assert.Throws<ArgumentException>(() => EspiWriter.Write(stream, series, options with { Summaries = [options.Summaries[0] with { UsagePointId = "nope" }] }));
        Assert.Throws<ArgumentException>(() => EspiWriter.Write(stream, [series[0], series[0]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EspiWriter.Write(stream, [series[0] with { Readings = WriterSamples.Readings(0, 1, 900, _ => double.NaN) }]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EspiWriter.Write(stream, [series[0] with { Readings = WriterSamples.Readings(0, 1, 900, _ => 1e12) }]));
        Assert.Throws<ArgumentException>(() => EspiWriter.Write(stream, series, options with { BaseUri = new Uri("resource", UriKind.Relative) }));
        Assert.Throws<ArgumentException>(() => EspiWriter.Write(stream, series, options with { SubscriptionId = " " }));
        Assert.Equal(0, stream.Length);
    }
}
