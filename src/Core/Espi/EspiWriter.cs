using System.Text;
using System.Xml;
using GbcPortal.Core.Espi.Writing;

namespace GbcPortal.Core.Espi;

/// <summary>
/// Writes series as an ESPI Atom feed that validates against espi.xsd: per UsagePoint its
/// LocalTimeParameters and UsagePoint entries, per series a ReadingType, a MeterReading and one
/// IntervalBlock per local day, then any UsageSummary entries. Resources are tied by Atom
/// self/up/related links, as real feeds do. The output is streamed; the same input and options
/// give the same bytes.
/// </summary>
public static class EspiWriter
{
    /// <summary>
    /// Writes <paramref name="series"/> (grouped by <see cref="UsagePointInfo.Id"/>) to
    /// <paramref name="output"/>, which is left open. Values are in base units and are written as
    /// round(value / 10^powerOfTenMultiplier); costs as 1/100,000 of the currency.
    /// </summary>
    /// <exception cref="ArgumentException">Conflicting series, a summary for an unknown UsagePoint,
    /// a value that does not fit ESPI's Int48, or a relative BaseUri. Nothing is written in that case.</exception>
    public static void Write(Stream output, IReadOnlyList<EspiSeries> series, EspiWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(series);
        options ??= new EspiWriterOptions();
        if (!options.BaseUri.IsAbsoluteUri)
            throw new ArgumentException($"EspiWriterOptions.BaseUri must be absolute, not '{options.BaseUri}'.", nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SubscriptionId, nameof(options));
        var links = new EspiLinks(options.BaseUri, options.SubscriptionId);
        var plan = FeedPlan.Build(series, options, links);
        var updated = options.Updated ?? LatestEnd(series);

        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = options.Indent,
            CloseOutput = false,
        };
        using var xml = XmlWriter.Create(output, settings);
        var atom = new AtomWriter(xml, updated);
        var espi = new EspiContentWriter(xml);

        atom.BeginFeed(links.Feed, options.Title);
        foreach (var usagePoint in plan)
            WriteUsagePoint(atom, espi, links, usagePoint, updated);
        atom.EndFeed();
        xml.Flush();
    }

    private static void WriteUsagePoint(AtomWriter atom, EspiContentWriter espi, EspiLinks links, UsagePointPlan up, DateTimeOffset updated)
    {
        string? localSelf = up.LocalTimeNumber is { } n ? links.LocalTimeParameters(n) : null;
        if (localSelf is not null && up.FirstUseOfLocalTime)
        {
            atom.BeginEntry(localSelf, "Local time parameters");
            espi.LocalTimeParameters(up.Info.LocalTime!);
            atom.EndEntry();
        }

        List<string> related = [EspiLinks.MeterReadings(up.Self)];
        if (up.Summaries.Count > 0)
            related.Add(EspiLinks.UsageSummaries(up.Self));
        if (localSelf is not null)
            related.Add(localSelf);
        atom.BeginEntry(up.Self, up.Info.Title ?? "Usage point", [.. related]);
        espi.UsagePoint(up.Info);
        atom.EndEntry();

        for (var i = 0; i < up.Series.Count; i++)
        {
            var series = up.Series[i];
            if (series.FirstUseOfType)
            {
                atom.BeginEntry(series.ReadingTypeSelf, "Type of meter reading data");
                espi.ReadingType(series.Type);
                atom.EndEntry();
            }

            var meterReading = $"{EspiLinks.MeterReadings(up.Self)}/{i + 1}";
            var blocks = EspiLinks.IntervalBlocks(meterReading);
            atom.BeginEntry(meterReading, "Meter reading", blocks, series.ReadingTypeSelf);
            espi.MeterReading();
            atom.EndEntry();

            foreach (var day in LocalDays.Split(series.Readings, up.Info.LocalTime))
            {
                atom.BeginEntry($"{blocks}/{day.Start.ToUnixTimeSeconds()}", "Interval block");
                espi.IntervalBlock(day, series.Type.PowerOfTenMultiplier);
                atom.EndEntry();
            }
        }

        for (var i = 0; i < up.Summaries.Count; i++)
        {
            atom.BeginEntry($"{EspiLinks.UsageSummaries(up.Self)}/{i + 1}", "Usage summary");
            espi.UsageSummary(up.Summaries[i], updated);
            atom.EndEntry();
        }
    }

    // Without an explicit stamp the feed is as new as its newest reading: deterministic output.
    private static DateTimeOffset LatestEnd(IReadOnlyList<EspiSeries> series)
    {
        var latest = DateTimeOffset.UnixEpoch;
        foreach (var s in series)
        {
            foreach (var r in s.Readings)
            {
                if (r.End > latest)
                    latest = r.End;
            }
        }
        return latest;
    }
}
