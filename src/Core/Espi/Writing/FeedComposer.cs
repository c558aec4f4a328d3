using System.Text;
using System.Xml;

namespace GbcPortal.Core.Espi.Writing;

/// <summary>
/// Writes a feed's entries in the utility's order: per UsagePoint its LocalTimeParameters, its
/// ReadingTypes and the UsagePoint itself, then per series a MeterReading followed by its
/// IntervalBlocks, then any UsageSummaries. Shared by the in-memory and the streamed writer.
/// </summary>
internal sealed class FeedComposer : IDisposable
{
    private readonly XmlWriter _xml;
    private readonly AtomWriter _atom;
    private readonly EspiContentWriter _espi;
    private readonly EspiLinks _links;
    private readonly DateTimeOffset _updated;

    public FeedComposer(Stream output, EspiWriterOptions options, EspiLinks links, DateTimeOffset updated)
    {
        _xml = XmlWriter.Create(output, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = options.Indent,
            CloseOutput = false,
        });
        _atom = new AtomWriter(_xml, updated);
        _espi = new EspiContentWriter(_xml);
        _links = links;
        _updated = updated;
        _atom.BeginFeed(links.Feed, options.Title);
    }

    public void UsagePoint(UsagePointPlan up)
    {
        string? localSelf = up.LocalTimeNumber is { } n ? _links.LocalTimeParameters(n) : null;
        if (localSelf is not null && up.FirstUseOfLocalTime)
        {
            _atom.BeginEntry(localSelf, "Local time parameters");
            _espi.LocalTimeParameters(up.Info.LocalTime!);
            _atom.EndEntry();
        }

        foreach (var series in up.Series.Where(s => s.FirstUseOfType))
        {
            _atom.BeginEntry(series.ReadingTypeSelf, "Type of meter reading data");
            _espi.ReadingType(series.Type);
            _atom.EndEntry();
        }

        List<string> related = [EspiLinks.MeterReadings(up.Self)];
        if (up.Summaries.Count > 0)
            related.Add(EspiLinks.UsageSummaries(up.Self));
        if (localSelf is not null)
            related.Add(localSelf);
        _atom.BeginEntry(up.Self, up.Info.Title ?? "Usage point", [.. related]);
        _espi.UsagePoint(up.Info);
        _atom.EndEntry();
    }

    /// <summary>Writes the MeterReading of series <paramref name="index"/>; returns its IntervalBlock collection.</summary>
    public string MeterReading(UsagePointPlan up, int index)
    {
        var meterReading = $"{EspiLinks.MeterReadings(up.Self)}/{index + 1}";
        var blocks = EspiLinks.IntervalBlocks(meterReading);
        _atom.BeginEntry(meterReading, "Meter reading", blocks, up.Series[index].ReadingTypeSelf);
        _espi.MeterReading();
        _atom.EndEntry();
        return blocks;
    }

    public void Block(string blocks, DayBlock day, int multiplier)
    {
        _atom.BeginEntry($"{blocks}/{day.Start.ToUnixTimeSeconds()}", "Interval block");
        _espi.IntervalBlock(day, multiplier);
        _atom.EndEntry();
    }

    public void Summaries(UsagePointPlan up)
    {
        for (var i = 0; i < up.Summaries.Count; i++)
        {
            _atom.BeginEntry($"{EspiLinks.UsageSummaries(up.Self)}/{i + 1}", "Usage summary");
            _espi.UsageSummary(up.Summaries[i], _updated);
            _atom.EndEntry();
        }
    }

    /// <summary>Pushes what was written so far into the output stream.</summary>
    public void Flush() => _xml.Flush();

    public void End()
    {
        _atom.EndFeed();
        _xml.Flush();
    }

    public void Dispose() => _xml.Dispose();
}
