using System.Xml;

namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// Walks a feed, an entry or a BatchList in one forward pass. Each entry's resources are
/// held until the entry ends, because its links may come after its content.
/// </summary>
internal sealed class FeedParser(XmlCursor cursor, FeedGraph graph, ReaderWarnings warnings, BlockSink sink)
{
    private readonly EspiNames _n = cursor.Names;
    private readonly EntryLinks _links = new();
    private readonly BlockParser _blocks = new(cursor, graph, warnings);
    private readonly ResourceParser _resources = new(cursor, warnings);
    private readonly List<RawSummary> _summaries = [];
    private int _entries;

    /// <summary>Where the prolog was last seen: a prohibited DTD fails without a position of its own.</summary>
    public (int Line, int Position) LastKnown { get; private set; } = (1, 1);

    public void Parse()
    {
        var reader = cursor.Reader;
        while (reader.Read() && reader.NodeType != XmlNodeType.Element)
        {
            LastKnown = (cursor.Line, cursor.Position);
            if (reader.NodeType == XmlNodeType.XmlDeclaration)
                CheckEncoding(reader.GetAttribute("encoding"));
        }
        if (reader.NodeType != XmlNodeType.Element)
            throw cursor.Error("The document has no root element");

        if (cursor.Is(_n.Feed))
            ParseFeed();
        else if (cursor.Is(_n.Entry))
            ParseEntry();
        else if (cursor.Is(_n.BatchList))
            ParseBatchList();
        else
            throw cursor.Error($"The root element is <{reader.Name}>, not an Atom feed, an Atom entry or an ESPI BatchList");

        while (reader.Read())
        {
            // Reading to the end makes the XmlReader reject trailing garbage and a second root.
        }
    }

    private void CheckEncoding(string? encoding)
    {
        if (encoding is null || encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || encoding.StartsWith("utf-16", StringComparison.OrdinalIgnoreCase)
            || encoding.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        warnings.Add($"The feed declares encoding '{encoding}'; it was decoded as declared");
    }

    private void ParseFeed()
    {
        if (cursor.Reader.IsEmptyElement)
            return;
        var depth = cursor.Reader.Depth;
        while (cursor.NextChild(depth))
        {
            if (cursor.Is(_n.Entry))
                ParseEntry();
            else
                cursor.Skip();
        }
    }

    private void ParseBatchList()
    {
        if (cursor.Reader.IsEmptyElement)
            return;
        var depth = cursor.Reader.Depth;
        while (cursor.NextChild(depth))
        {
            if (!cursor.Is(_n.Resources))
            {
                cursor.Skip();
                continue;
            }
            var text = cursor.ReadString();
            if (text is not null && Uri.TryCreate(text, UriKind.Absolute, out var uri))
                graph.ResourceUris.Add(uri);
            else
                warnings.Add($"A BatchList resource is not an absolute URI: '{text}'");
        }
    }

    private void ParseEntry()
    {
        _entries++;
        _links.Clear();
        _summaries.Clear();
        _blocks.Readings.Clear();
        (int? Kind, bool Empty)? usagePoint = null;
        ReadingTypeInfo? readingType = null;
        RawLocalTime? localTime = null;
        var meterReading = false;

        if (!cursor.Reader.IsEmptyElement)
        {
            var depth = cursor.Reader.Depth;
            while (cursor.NextChild(depth))
            {
                if (cursor.Is(_n.Link))
                {
                    ReadLink();
                }
                else if (cursor.Is(_n.Id))
                {
                    _links.EntryId = cursor.ReadString();
                }
                else if (cursor.Is(_n.Title))
                {
                    _links.Title = cursor.ReadString();
                }
                else if (cursor.Is(_n.Content) && !cursor.Reader.IsEmptyElement)
                {
                    var contentDepth = cursor.Reader.Depth;
                    while (cursor.NextChild(contentDepth))
                    {
                        if (cursor.Is(_n.IntervalBlock))
                            _blocks.ParseBlock();
                        else if (cursor.Is(_n.UsagePoint))
                            usagePoint = _resources.ParseUsagePoint();
                        else if (cursor.Is(_n.MeterReading))
                            meterReading = SkipAndMark();
                        else if (cursor.Is(_n.ReadingType))
                            readingType = _resources.ParseReadingType();
                        else if (cursor.Is(_n.LocalTimeParameters))
                            localTime = _resources.ParseLocalTime();
                        else if (cursor.Is(_n.UsageSummary) || cursor.Is(_n.ElectricPowerUsageSummary))
                            _summaries.Add(_resources.ParseSummary());
                        else
                            cursor.Skip();
                    }
                }
                else
                {
                    cursor.Skip();
                }
            }
        }
        Commit(usagePoint, meterReading, readingType, localTime);
    }

    /// <summary>A MeterReading's content says nothing the links do not; only its presence matters.</summary>
    private bool SkipAndMark()
    {
        cursor.Skip();
        return true;
    }

    private void ReadLink()
    {
        var reader = cursor.Reader;
        var rel = reader.GetAttribute(_n.Rel);
        var href = reader.GetAttribute(_n.Href)?.Trim();
        cursor.Skip();
        if (string.IsNullOrEmpty(href))
            return;
        if (string.Equals(rel, "self", StringComparison.OrdinalIgnoreCase))
            _links.SelfHref = href;
        else if (string.Equals(rel, "up", StringComparison.OrdinalIgnoreCase))
            _links.UpHref = href;
        else if (string.Equals(rel, "related", StringComparison.OrdinalIgnoreCase))
            _links.RelatedHrefs.Add(href);
    }

    private void Commit((int? Kind, bool Empty)? usagePoint, bool meterReading, ReadingTypeInfo? readingType, RawLocalTime? localTime)
    {
        if (_blocks.Readings.Count > 0)
        {
            sink.Accept(_links.BlockParent(), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_blocks.Readings));
            _blocks.Readings.Clear();
        }
        if (usagePoint is null && !meterReading && readingType is null && localTime is null && _summaries.Count == 0)
            return;

        var key = _links.Self ?? "#entry:" + (_links.EntryId ?? _entries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var id = _links.SelfHref ?? _links.EntryId ?? key;
        var up = _links.Up;
        if (usagePoint is { } point)
            graph.Add(new RawUsagePoint(key, id, _links.Title, point.Kind, point.Empty, _links.Related(), up));
        if (meterReading)
            graph.Add(new RawMeterReading(key, id, up, _links.Related()));
        if (readingType is not null)
            graph.Add(new RawReadingType(key, readingType with { Id = id }));
        if (localTime is not null)
            graph.Add(localTime with { Key = key });
        foreach (var summary in _summaries)
            graph.Summaries.Add(summary with { Up = up ?? _links.Self });
    }
}
