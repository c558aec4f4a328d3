using System.Text;
using GbcPortal.Core.Espi;
using static GbcPortal.Core.Tests.Espi.Reader.TestFeeds;

namespace GbcPortal.Core.Tests.Espi.Reader;

/// <summary>The quirks of real feeds (../shared/espi/README.md), each on a small hand-written feed.</summary>
public class ReaderQuirkTests
{
    [Theory]
    [InlineData("", "")]         // Atom as the default namespace, ESPI redeclared as default on each resource
    [InlineData("", "espi")]     // espi: prefix
    [InlineData("ns1", "ns0")]   // the utility's ns1:/ns0:
    [InlineData("a", "")]        // mixed
    [InlineData("", null)]       // ESPI elements in no namespace at all
    public void Read_AnyPrefix_SameReadings(string atomPrefix, string? espiPrefix)
    {
        var series = Assert.Single(Samples.ReadText(Styled(atomPrefix, espiPrefix)).Series);

        Assert.Equal([5.0, 6.0, 7.0], series.Readings.Select(r => r.Value));
        Assert.Equal(FallBackMidnight, series.Readings[0].Start.ToUnixTimeSeconds());
        Assert.Equal(LocalTimeParameters.Pacific, series.UsagePoint.LocalTime);
    }

    private static string Styled(string atomPrefix, string? espiPrefix)
    {
        string A(string name) => atomPrefix.Length == 0 ? name : atomPrefix + ":" + name;
        string E(string name) => string.IsNullOrEmpty(espiPrefix) ? name : espiPrefix + ":" + name;
        var espiDecl = espiPrefix switch { null => "xmlns=\"\"", "" => $"xmlns=\"{EspiNs}\"", _ => $"xmlns:{espiPrefix}=\"{EspiNs}\"" };
        var atomDecl = atomPrefix.Length == 0 ? $"xmlns=\"{AtomNs}\"" : $"xmlns:{atomPrefix}=\"{AtomNs}\"";
        string Link(string rel, string href) => $"<{A("link")} rel=\"{rel}\" href=\"{href}\"/>";
        string Entry(string links, string content) => $"<{A("entry")}>{links}<{A("content")}>{content}</{A("content")}></{A("entry")}>";
        string El(string name, string inner) => $"<{E(name)}>{inner}</{E(name)}>";
        string Root(string name, string inner) => $"<{E(name)} {espiDecl}>{inner}</{E(name)}>";
        var readings = string.Concat(new[] { 5, 6, 7 }.Select((v, i) =>
            El("IntervalReading", El("timePeriod", El("duration", "3600") + El("start", (FallBackMidnight + i * 3600).ToString(System.Globalization.CultureInfo.InvariantCulture))) + El("value", v.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        return $"<{A("feed")} {atomDecl}>"
            + Entry(Link("self", "UsagePoint/1") + Link("related", "LocalTimeParameters/1"), Root("UsagePoint", El("ServiceCategory", El("kind", "0"))))
            + Entry(Link("self", "LocalTimeParameters/1"), Root("LocalTimeParameters", El("dstEndRule", "B40E2000") + El("dstOffset", "3600") + El("dstStartRule", "360E2000") + El("tzOffset", "-28800")))
            + Entry(Link("self", "UsagePoint/1/MeterReading/1") + Link("up", "UsagePoint/1/MeterReading") + Link("related", "ReadingType/1"), Root("MeterReading", ""))
            + Entry(Link("self", "ReadingType/1"), Root("ReadingType", El("powerOfTenMultiplier", "0") + El("uom", "72")))
            + Entry(Link("up", "UsagePoint/1/MeterReading/1/IntervalBlock"), Root("IntervalBlock", readings))
            + $"</{A("feed")}>";
    }

    [Fact]
    public void Read_EntriesInReverseOrder_TiedByLinks()
    {
        var xml = Feed(BlockEntry(FallBackMidnight, 1, 2), ReadingTypeEntry(multiplier: -3), MeterReadingEntry(), LocalTimeEntry(), UsagePointEntry());

        var document = Samples.ReadText(xml);

        var series = Assert.Single(document.Series);
        Assert.Equal([0.001, 0.002], series.Readings.Select(r => r.Value));
        Assert.Equal(LocalTimeParameters.Pacific, series.UsagePoint.LocalTime);
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public void Read_SingleEntryRoot_ReadsItsBlock()
    {
        var xml = $"<entry xmlns=\"{AtomNs}\"><link rel=\"up\" href=\"UsagePoint/1/MeterReading/1/IntervalBlock\"/><content>{Block(FallBackMidnight, 4, 5)}</content></entry>";

        var document = Samples.ReadText(xml);

        var series = Assert.Single(document.Series);
        Assert.Equal(2, series.Readings.Count);
        Assert.Contains(document.Warnings, w => w.Contains("no MeterReading", StringComparison.Ordinal));
        Assert.Contains(document.Warnings, w => w.Contains("no ReadingType", StringComparison.Ordinal));
        Assert.Equal("UsagePoint/1", series.UsagePoint.Id); // named by the block's own up link
    }

    [Fact]
    public void Read_MissingLinks_FallBackToTheOnlyResourcesWithWarnings()
    {
        var xml = Feed(
            Entry("UsagePoint/9", null, UsagePoint()),
            Entry("MR/1", null, $"<MeterReading xmlns=\"{EspiNs}\"/>"),
            Entry("ReadingType/1", null, ReadingType(multiplier: 3)),
            Entry(null, null, Block(FallBackMidnight, 2)));

        var document = Samples.ReadText(xml);

        var series = Assert.Single(document.Series);
        Assert.Equal(2000.0, series.Readings[0].Value);
        Assert.Equal("UsagePoint/9", series.UsagePoint.Id);
        Assert.Contains(document.Warnings, w => w.Contains("only MeterReading", StringComparison.Ordinal));
        Assert.Contains(document.Warnings, w => w.Contains("only ReadingType", StringComparison.Ordinal));
        Assert.Contains(document.Warnings, w => w.Contains("only UsagePoint", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_RepeatedAndCumulativeBlocks_CollapseToOneReadingPerStart()
    {
        // Block 2 repeats block 1's last two hours and adds one; the same feed then repeats block 1.
        var xml = Feed(UsagePointEntry(), LocalTimeEntry(), MeterReadingEntry(), ReadingTypeEntry(),
            BlockEntry(FallBackMidnight, 1, 2, 3), BlockEntry(FallBackMidnight + 3600, 2, 3, 4), BlockEntry(FallBackMidnight, 1, 2, 3));

        var document = Samples.ReadText(xml);

        Assert.Equal([1.0, 2.0, 3.0, 4.0], Assert.Single(document.Series).Readings.Select(r => r.Value));
        Assert.Equal(5, document.DuplicatesDropped);
    }

    [Fact]
    public void Read_FractionalStart_RoundedWithWarning()
    {
        var xml = Standard().Replace($"<start>{FallBackMidnight + 3600}</start>", $"<start>{FallBackMidnight + 3600}.4</start>");

        var document = Samples.ReadText(xml);

        Assert.Equal(FallBackMidnight + 3600, document.Series[0].Readings[1].Start.ToUnixTimeSeconds());
        Assert.Contains(document.Warnings, w => w.StartsWith("1 readings have fractional start", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_Windows1252Declaration_DecodedWithWarning()
    {
        var xml = Standard().Replace("<entry><link rel=\"self\" href=\"UsagePoint/1\"/>", "<entry><title>Caf\u00e9</title><link rel=\"self\" href=\"UsagePoint/1\"/>");
        var bytes = Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"windows-1252\"?>" + xml); // é is 0xE9 in both

        var document = new EspiReader().Read(new MemoryStream(bytes));

        Assert.Equal("Caf\u00e9", document.UsagePoints[0].Title);
        Assert.Equal(3, document.Series[0].Readings.Count);
        Assert.Contains(document.Warnings, w => w.Contains("windows-1252", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ManyPredefinedEntitiesAndCharacterReferences_Allowed()
    {
        // The entity limit guards against declared entities; &amp; and &#233; in a long title are ordinary text.
        var title = string.Concat(Enumerable.Repeat("&amp;&#233;", 5000));
        var xml = Standard().Replace("<entry><link rel=\"self\" href=\"UsagePoint/1\"/>", $"<entry><title>{title}</title><link rel=\"self\" href=\"UsagePoint/1\"/>");

        var document = Samples.ReadText(xml);

        Assert.Equal(string.Concat(Enumerable.Repeat("&\u00e9", 5000)), document.UsagePoints[0].Title);
    }

    [Fact]
    public void Read_EmptyKind_InferredFromReadingTypeWithWarning()
    {
        var xml = Feed(UsagePointEntry(kind: ""), LocalTimeEntry(), MeterReadingEntry(),
            Entry("ReadingType/1", "ReadingType", ReadingType(uom: 169, multiplier: -3, commodity: 7)), BlockEntry(FallBackMidnight, 1500));

        var document = Samples.ReadText(xml);

        Assert.Equal(ServiceKind.Gas, document.UsagePoints[0].Kind);
        Assert.Equal(1.5, document.Series[0].Readings[0].Value);
        Assert.Equal("therm", document.Series[0].ReadingType.BaseUnit);
        Assert.Contains(document.Warnings, w => w.Contains("empty ServiceCategory kind", StringComparison.Ordinal));
    }

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

    [Fact]
    public void ReadStreaming_GivesTheSameReadingsAsRead()
    {
        var path = Samples.PathOf("pge-gbc-subscription-electric-gas.xml");
        var whole = new EspiReader().ReadFile(path);
        var chunks = new List<EspiSeriesChunk>();

        var streamed = new EspiReader().ReadFileStreaming(path, chunks.Add);

        foreach (var series in whole.Series)
        {
            var fromChunks = chunks.Where(c => c.ReadingType.Id == series.ReadingType.Id).SelectMany(c => c.Readings).OrderBy(r => r.Start);
            Assert.Equal(series.Readings, fromChunks);
        }
        Assert.Equal(whole.UsagePoints, streamed.UsagePoints);
        Assert.Equal(whole.Summaries.Count, streamed.Summaries.Count);
        Assert.All(streamed.Series, s => Assert.Empty(s.Readings));
    }

    [Fact]
    public void ReadStreaming_BlocksBeforeTheirResources_WaitThenArrive()
    {
        var xml = Feed(BlockEntry(FallBackMidnight, 1, 2), BlockEntry(FallBackMidnight + 3600, 2, 3), ReadingTypeEntry(), MeterReadingEntry(), LocalTimeEntry(), UsagePointEntry());
        var chunks = new List<EspiSeriesChunk>();

        var document = new EspiReader().ReadStreaming(new MemoryStream(Encoding.UTF8.GetBytes(xml)), chunks.Add);

        Assert.Equal([1.0, 2.0, 3.0], chunks.SelectMany(c => c.Readings).Select(r => r.Value));
        Assert.Equal(1, document.DuplicatesDropped);
        Assert.Equal(LocalTimeParameters.Pacific, chunks[0].UsagePoint.LocalTime);
    }

    [Fact]
    public void ReadStreaming_CallbackException_PassesThrough()
    {
        var error = Assert.Throws<InvalidTimeZoneException>(() =>
            new EspiReader().ReadStreaming(new MemoryStream(Encoding.UTF8.GetBytes(Standard())), _ => throw new InvalidTimeZoneException("mine")));

        Assert.Equal("mine", error.Message);
    }
}
