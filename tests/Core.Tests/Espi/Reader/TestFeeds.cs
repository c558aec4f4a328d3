using System.Globalization;
using System.Text;

namespace GbcPortal.Core.Tests.Espi.Reader;

/// <summary>Small hand-written feeds for the quirks and hostile inputs the samples do not show.</summary>
internal static class TestFeeds
{
    public const string AtomNs = "http://www.w3.org/2005/Atom";
    public const string EspiNs = "http://naesb.org/espi";

    /// <summary>2019-11-03 00:00 PDT, the fall-back day.</summary>
    public const long FallBackMidnight = 1572764400;

    public static string Feed(params string[] entries) => $"<feed xmlns=\"{AtomNs}\">{string.Concat(entries)}</feed>";

    public static string Entry(string? self, string? up, string content, params string[] related)
    {
        var links = new StringBuilder();
        if (self is not null)
            links.Append(CultureInfo.InvariantCulture, $"<link rel=\"self\" href=\"{self}\"/>");
        if (up is not null)
            links.Append(CultureInfo.InvariantCulture, $"<link rel=\"up\" href=\"{up}\"/>");
        foreach (var link in related)
            links.Append(CultureInfo.InvariantCulture, $"<link rel=\"related\" href=\"{link}\"/>");
        return $"<entry>{links}<content>{content}</content></entry>";
    }

    public static string UsagePoint(string kind = "0") =>
        $"<UsagePoint xmlns=\"{EspiNs}\"><ServiceCategory><kind>{kind}</kind></ServiceCategory></UsagePoint>";

    public static string ReadingType(int uom = 72, int multiplier = 0, int flow = 1, int commodity = 1) =>
        $"<ReadingType xmlns=\"{EspiNs}\"><commodity>{commodity}</commodity><flowDirection>{flow}</flowDirection><intervalLength>3600</intervalLength><powerOfTenMultiplier>{multiplier}</powerOfTenMultiplier><uom>{uom}</uom></ReadingType>";

    public static string LocalTime(string tz = "-28800", string start = "360E2000", string end = "B40E2000") =>
        $"<LocalTimeParameters xmlns=\"{EspiNs}\"><dstEndRule>{end}</dstEndRule><dstOffset>3600</dstOffset><dstStartRule>{start}</dstStartRule><tzOffset>{tz}</tzOffset></LocalTimeParameters>";

    /// <summary>Hourly readings from <paramref name="start"/>, values as given.</summary>
    public static string Block(long start, params long[] values)
    {
        var xml = new StringBuilder($"<IntervalBlock xmlns=\"{EspiNs}\"><interval><duration>{values.Length * 3600}</duration><start>{start}</start></interval>");
        for (var i = 0; i < values.Length; i++)
            xml.Append(CultureInfo.InvariantCulture, $"<IntervalReading><timePeriod><duration>3600</duration><start>{start + i * 3600}</start></timePeriod><value>{values[i]}</value></IntervalReading>");
        return xml.Append("</IntervalBlock>").ToString();
    }

    public static string UsagePointEntry(string kind = "0") =>
        Entry("UsagePoint/1", "UsagePoint", UsagePoint(kind), "UsagePoint/1/MeterReading", "LocalTimeParameters/1");

    public static string LocalTimeEntry(string tz = "-28800", string start = "360E2000", string end = "B40E2000") =>
        Entry("LocalTimeParameters/1", "LocalTimeParameters", LocalTime(tz, start, end));

    public static string MeterReadingEntry(string readingType = "ReadingType/1") =>
        Entry("UsagePoint/1/MeterReading/1", "UsagePoint/1/MeterReading", $"<MeterReading xmlns=\"{EspiNs}\"/>", "UsagePoint/1/MeterReading/1/IntervalBlock", readingType);

    public static string ReadingTypeEntry(int uom = 72, int multiplier = 0) =>
        Entry("ReadingType/1", "ReadingType", ReadingType(uom, multiplier));

    public static string BlockEntry(long start, params long[] values) =>
        Entry(null, "UsagePoint/1/MeterReading/1/IntervalBlock", Block(start, values));

    /// <summary>A complete, well-linked feed: one usage point, one hourly series.</summary>
    public static string Standard(long start = FallBackMidnight, params long[] values) =>
        Feed(UsagePointEntry(), LocalTimeEntry(), MeterReadingEntry(), ReadingTypeEntry(), BlockEntry(start, values.Length == 0 ? [1, 2, 3] : values));
}
