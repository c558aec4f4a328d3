namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// Builds the public <see cref="UsagePointInfo"/>: service kind (inferred from the
/// ReadingType when the feed leaves <c>kind</c> empty) and the LocalTimeParameters it links to.
/// </summary>
internal sealed class UsagePointDescriber(FeedGraph graph, ReaderWarnings warnings)
{
    private readonly Dictionary<string, UsagePointInfo> _infos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocalTimeParameters?> _decoded = new(StringComparer.Ordinal);

    /// <summary>Null only before the end of the feed, while a linked LocalTimeParameters may still come.</summary>
    public UsagePointInfo? Describe(RawUsagePoint usagePoint, RawMeterReading? meterReading, ReadingTypeInfo? readingType, bool final)
    {
        if (_infos.TryGetValue(usagePoint.Key, out var known))
            return known;

        var localTime = FindLocalTime(usagePoint.Related) ?? (meterReading is null ? null : FindLocalTime(meterReading.Related));
        if (localTime is null && !final)
            return null;
        if (localTime is null && graph.LocalTimes.Count == 1)
        {
            localTime = graph.LocalTimes.Values.First();
            warnings.Add($"UsagePoint '{usagePoint.Id}' links no LocalTimeParameters of the feed; the feed's only one was used");
        }
        else if (localTime is null && graph.LocalTimes.Count > 1)
        {
            warnings.Add($"UsagePoint '{usagePoint.Id}' links none of the feed's {graph.LocalTimes.Count} LocalTimeParameters; its local times are not given");
        }

        var info = new UsagePointInfo(usagePoint.Id, KindOf(usagePoint, readingType), usagePoint.Title, localTime is null ? null : Decode(localTime));
        _infos[usagePoint.Key] = info;
        return info;
    }

    private RawLocalTime? FindLocalTime(List<string> related)
    {
        foreach (var link in related)
        {
            if (FeedGraph.Find(graph.LocalTimes, link, 2) is { } found)
                return found;
        }
        return null;
    }

    private LocalTimeParameters? Decode(RawLocalTime raw)
    {
        if (!_decoded.TryGetValue(raw.Key, out var decoded))
            _decoded[raw.Key] = decoded = LocalTimeDecoder.Decode(raw, graph.BlockIntervals, warnings);
        return decoded;
    }

    private ServiceKind KindOf(RawUsagePoint usagePoint, ReadingTypeInfo? readingType)
    {
        if (usagePoint.Kind is { } kind)
            return Enum.IsDefined((ServiceKind)kind) ? (ServiceKind)kind : ServiceKind.Unknown;

        var inferred = readingType is null ? ServiceKind.Unknown : Infer(readingType);
        var why = usagePoint.KindEmpty ? "an empty ServiceCategory kind" : "no ServiceCategory kind";
        warnings.Add(inferred == ServiceKind.Unknown
            ? $"UsagePoint '{usagePoint.Id}' has {why}; its service kind is unknown"
            : $"UsagePoint '{usagePoint.Id}' has {why}; {inferred} was inferred from its ReadingType");
        return inferred;
    }

    /// <summary>ESPI CommodityKind: 1–2 electricity, 7–8 gas, 9 and 14 water; else the unit decides.</summary>
    private static ServiceKind Infer(ReadingTypeInfo readingType) => readingType.Commodity switch
    {
        1 or 2 => ServiceKind.Electricity,
        7 or 8 => ServiceKind.Gas,
        9 or 14 => ServiceKind.Water,
        _ => readingType.Uom switch
        {
            72 or 38 or 73 or 63 or 61 or 71 => ServiceKind.Electricity,
            169 or 119 or 122 => ServiceKind.Gas,
            128 or 129 => ServiceKind.Water,
            _ => ServiceKind.Unknown,
        },
    };
}
