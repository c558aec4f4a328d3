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
}
