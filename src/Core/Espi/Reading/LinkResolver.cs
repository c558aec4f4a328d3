namespace GbcPortal.Core.Espi.Reading;

/// <summary>Where a block's readings go: one (UsagePoint, ReadingType) series.</summary>
internal sealed record SeriesTarget(string Key, UsagePointInfo UsagePoint, ReadingTypeInfo ReadingType);

/// <summary>
/// Follows Atom links from an IntervalBlock to its MeterReading, ReadingType, UsagePoint and
/// LocalTimeParameters. Before the end of the feed (<c>final: false</c>) it only follows
/// links, so a streaming caller waits for resources that come later; at the end it also
/// applies the fallbacks (the feed's only MeterReading, ReadingType, UsagePoint), with warnings.
/// </summary>
internal sealed class LinkResolver(FeedGraph graph, ReaderWarnings warnings)
{
    private readonly Dictionary<string, SeriesTarget?> _final = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Version, SeriesTarget? Target)> _early = new(StringComparer.Ordinal);
    private readonly UsagePointDescriber _describer = new(graph, warnings);

    public UsagePointDescriber Describer => _describer;

    public SeriesTarget? Resolve(string? parentKey, bool final)
    {
        var cacheKey = parentKey ?? "";
        if (final)
        {
            if (!_final.TryGetValue(cacheKey, out var target))
                _final[cacheKey] = target = Compute(parentKey, final: true);
            return target;
        }
        if (_early.TryGetValue(cacheKey, out var early) && (early.Target is not null || early.Version == graph.Version))
            return early.Target;
        var result = Compute(parentKey, final: false);
        _early[cacheKey] = (graph.Version, result);
        return result;
    }

    private SeriesTarget? Compute(string? parentKey, bool final)
    {
        var shown = parentKey ?? "(no link)";
        var meterReading = FeedGraph.Find(graph.MeterReadings, parentKey, 4);
        if (meterReading is null)
        {
            if (!final)
                return null;
            if (graph.MeterReadings.Count == 1)
            {
                meterReading = graph.MeterReadings.Values.First();
                warnings.Add($"IntervalBlocks under '{shown}' name no MeterReading of the feed; they were tied to its only MeterReading");
            }
            else if (graph.MeterReadings.Count == 0)
            {
                var collection = parentKey is null ? null : parentKey[..Math.Max(0, parentKey.LastIndexOf('/'))];
                meterReading = new RawMeterReading(parentKey ?? "#unlinked", parentKey ?? "", collection, []);
                warnings.Add("The feed has no MeterReading; IntervalBlocks were tied by their own links");
            }
            else
            {
                warnings.Add($"IntervalBlocks under '{shown}' match none of the feed's {graph.MeterReadings.Count} MeterReadings; their readings were skipped");
                return null;
            }
        }

        var readingType = FindReadingType(meterReading);
        if (readingType is null)
        {
            if (!final)
                return null;
            if (graph.ReadingTypes.Count == 0)
            {
                // A lone IntervalBlock entry (a GET of one block) carries no ReadingType at all.
                readingType = new RawReadingType("#no-reading-type", new ReadingTypeInfo("", null, null, 0, 0, null));
                warnings.Add("The feed has no ReadingType; values are as written and their unit is unknown");
            }
            else if (graph.ReadingTypes.Count != 1)
            {
                warnings.Add($"MeterReading '{meterReading.Id}' names none of the feed's {graph.ReadingTypes.Count} ReadingTypes; its readings were skipped");
                return null;
            }
            else
            {
                readingType = graph.ReadingTypes.Values.First();
                warnings.Add($"MeterReading '{meterReading.Id}' names no ReadingType of the feed; the feed's only ReadingType was used");
            }
        }

        var usagePoint = FindUsagePoint(meterReading, final);
        if (usagePoint is null)
            return null;
        var info = _describer.Describe(usagePoint, meterReading, readingType.Info, final);
        if (info is null)
            return null;
        return new SeriesTarget(usagePoint.Key + "\n" + readingType.Key, info, readingType.Info);
    }

    private RawReadingType? FindReadingType(RawMeterReading meterReading)
    {
        foreach (var related in meterReading.Related)
        {
            if (FeedGraph.Find(graph.ReadingTypes, related, 2) is { } found)
                return found;
        }
        return null;
    }

    private RawUsagePoint? FindUsagePoint(RawMeterReading meterReading, bool final)
    {
        var key = meterReading.Up is { } up
            ? LinkKey.ParentOf(up, "MeterReading") ?? up
            : LinkKey.OwnerOf(meterReading.Key, "MeterReading");
        var found = FeedGraph.Find(graph.UsagePoints, key, 2)
            ?? graph.UsagePoints.Values.FirstOrDefault(p => meterReading.Up is not null && p.Related.Contains(meterReading.Up));
        if (found is not null || !final)
            return found;

        if (graph.UsagePoints.Count == 1)
        {
            warnings.Add($"MeterReading '{meterReading.Id}' names no UsagePoint of the feed; it was tied to the feed's only UsagePoint");
            return graph.UsagePoints.Values.First();
        }
        if (graph.UsagePoints.Count == 0 || key is not null)
        {
            var synthesized = new RawUsagePoint(key ?? "#usagepoint", key ?? "", null, null, false, [], null);
            warnings.Add($"MeterReading '{meterReading.Id}' names a UsagePoint that is not in the feed ('{key}'); one was assumed");
            graph.Add(synthesized);
            return synthesized;
        }
        warnings.Add($"MeterReading '{meterReading.Id}' names none of the feed's UsagePoints; its readings were skipped");
        return null;
    }
}
