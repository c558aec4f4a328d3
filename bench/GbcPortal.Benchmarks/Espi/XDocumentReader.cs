using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using GbcPortal.Core.Espi;

namespace GbcPortal.Benchmarks.Espi;

/// <summary>
/// The straightforward reading a reader is compared with: load the whole feed as an
/// XDocument, then pick the same values (multiplier, start, duration, value, quality) out of it.
/// </summary>
public static class XDocumentReader
{
    private static readonly XNamespace Espi = "http://naesb.org/espi";

    public static List<IntervalReading> Read(Stream stream)
    {
        using (stream)
        {
            using var xml = XmlReader.Create(stream, ReaderBenchmarks.Settings());
            var document = XDocument.Load(xml);
            var multiplier = (int?)document.Descendants(Espi + "ReadingType").Elements(Espi + "powerOfTenMultiplier").FirstOrDefault() ?? 0;
            var scale = Math.Pow(10, multiplier);
            var readings = new List<IntervalReading>();
            foreach (var reading in document.Descendants(Espi + "IntervalReading"))
            {
                var period = reading.Element(Espi + "timePeriod")!;
                var quality = new QualityCodes();
                foreach (var code in reading.Elements(Espi + "ReadingQuality").Elements(Espi + "quality"))
                    quality = quality.With((int)code);
                readings.Add(new IntervalReading(
                    DateTimeOffset.FromUnixTimeSeconds(long.Parse(period.Element(Espi + "start")!.Value, CultureInfo.InvariantCulture)),
                    int.Parse(period.Element(Espi + "duration")!.Value, CultureInfo.InvariantCulture),
                    long.Parse(reading.Element(Espi + "value")!.Value, CultureInfo.InvariantCulture) * scale,
                    Quality: quality));
            }
            return readings;
        }
    }
}
