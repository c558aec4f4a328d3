using System.Globalization;
using System.Xml;

namespace GbcPortal.Benchmarks.Espi;

/// <summary>
/// Writes a Green Button feed (Atom default namespace, ESPI declared on each resource, one IntervalBlock per day of
/// 96 quarter-hours with ReadingQuality 19) with a plain XmlWriter, so the benchmark does not
/// depend on the project's writer. Deterministic: the same days give the same bytes.
/// </summary>
public static class FeedGenerator
{
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const string Espi = "http://naesb.org/espi";
    private const string Base = "https://api.example-utility.com/GreenButtonConnect/espi/1_1/resource/";
    private const string UsagePoint = Base + "Subscription/1/UsagePoint/1";
    private const string MeterReading = UsagePoint + "/MeterReading/1";

    /// <summary>The generated file for <paramref name="days"/> days, created once per machine.</summary>
    public static string EnsureFile(int days)
    {
        var path = PathFor(days);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            var temp = path + "." + Environment.ProcessId + ".tmp";
            using (var stream = File.Create(temp))
                Write(stream, days);
            File.Move(temp, path, overwrite: true);
        }
        return path;
    }

    public static string PathFor(int days) =>
        Path.Combine(Path.GetTempPath(), "gbcportal-bench", $"espi-{days}d-15min.xml");

    public static void Write(Stream output, int days)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "\t" };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartElement("feed", Atom);
        Entry(xml, Base + "LocalTimeParameters/1", Base + "LocalTimeParameters", [], "LocalTimeParameters", x =>
        {
            Element(x, "dstEndRule", "B40E2000");
            Element(x, "dstOffset", "3600");
            Element(x, "dstStartRule", "360E2000");
            Element(x, "tzOffset", "-28800");
        });
        Entry(xml, Base + "ReadingType/1", Base + "ReadingType", [], "ReadingType", x =>
        {
            Element(x, "accumulationBehaviour", "4");
            Element(x, "commodity", "1");
            Element(x, "flowDirection", "1");
            Element(x, "intervalLength", "900");
            Element(x, "kind", "12");
            Element(x, "powerOfTenMultiplier", "-3");
            Element(x, "uom", "72");
        });
        Entry(xml, UsagePoint, Base + "Subscription/1/UsagePoint", [UsagePoint + "/MeterReading", Base + "LocalTimeParameters/1"], "UsagePoint", x =>
        {
            x.WriteStartElement("ServiceCategory", Espi);
            Element(x, "kind", "0");
            x.WriteEndElement();
        });
        Entry(xml, MeterReading, UsagePoint + "/MeterReading", [MeterReading + "/IntervalBlock", Base + "ReadingType/1"], "MeterReading", _ => { });

        var start = new DateTimeOffset(2015, 1, 1, 8, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(); // local midnight, PST
        for (var day = 0; day < days; day++)
        {
            var dayStart = start + day * 86400L;
            Entry(xml, MeterReading + "/IntervalBlock/" + dayStart, MeterReading + "/IntervalBlock", [], "IntervalBlock", x =>
            {
                x.WriteStartElement("interval", Espi);
                Element(x, "duration", "86400");
                Element(x, "start", Text(dayStart));
                x.WriteEndElement();
                for (var i = 0; i < 96; i++)
                {
                    x.WriteStartElement("IntervalReading", Espi);
                    x.WriteStartElement("ReadingQuality", Espi);
                    Element(x, "quality", "19");
                    x.WriteEndElement();
                    x.WriteStartElement("timePeriod", Espi);
                    Element(x, "duration", "900");
                    Element(x, "start", Text(dayStart + i * 900L));
                    x.WriteEndElement();
                    Element(x, "value", Text(ValueOf(day, i)));
                    x.WriteEndElement();
                }
            });
        }
        xml.WriteEndElement();
    }

    /// <summary>A daily load shape with some noise, in Wh × 10^3.</summary>
    public static long ValueOf(int day, int quarter) =>
        120_000 + (quarter is >= 68 and < 88 ? 180_000 : 0) + (day * 7919 + quarter * 104_729) % 50_000;

    private static void Entry(XmlWriter xml, string self, string up, string[] related, string resource, Action<XmlWriter> body)
    {
        xml.WriteStartElement("entry", Atom);
        Link(xml, "self", self);
        Link(xml, "up", up);
        foreach (var link in related)
            Link(xml, "related", link);
        xml.WriteStartElement("content", Atom);
        xml.WriteStartElement(resource, Espi);
        body(xml);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, string href)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("href", href);
        xml.WriteAttributeString("rel", rel);
        xml.WriteEndElement();
    }

    private static void Element(XmlWriter xml, string name, string value) => xml.WriteElementString(name, Espi, value);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
