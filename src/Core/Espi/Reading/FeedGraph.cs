namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// Every resource of a feed except readings, by normalized self link. Small: a feed has a
/// handful of these, however many readings it carries. Repeated entries (the utility
/// sends the UsagePoint again before each batch) merge into the first.
/// </summary>
internal sealed class FeedGraph
{
    public Dictionary<string, RawUsagePoint> UsagePoints { get; } = new(StringComparer.Ordinal);

    /// <summary>UsagePoints in the order the feed first names them.</summary>
    public List<RawUsagePoint> UsagePointOrder { get; } = [];

    public Dictionary<string, RawMeterReading> MeterReadings { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, RawReadingType> ReadingTypes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, RawLocalTime> LocalTimes { get; } = new(StringComparer.Ordinal);

    public List<RawSummary> Summaries { get; } = [];

    public List<Uri> ResourceUris { get; } = [];

    /// <summary>A sample of IntervalBlock intervals, a hint for the sign of a tzOffset.</summary>
    public List<(long Start, long Duration)> BlockIntervals { get; } = [];

    /// <summary>Bumped when a resource is added, so unresolved links are retried only after a change.</summary>
    public int Version { get; private set; }

    public int FractionalStarts { get; set; }

    public void Add(RawUsagePoint usagePoint)
    {
        if (UsagePoints.TryGetValue(usagePoint.Key, out var existing))
            Merge(existing.Related, usagePoint.Related);
        else
        {
            UsagePoints.Add(usagePoint.Key, usagePoint);
            UsagePointOrder.Add(usagePoint);
        }
        Version++;
    }

    public void Add(RawMeterReading meterReading)
    {
        if (MeterReadings.TryGetValue(meterReading.Key, out var existing))
            Merge(existing.Related, meterReading.Related);
        else
            MeterReadings.Add(meterReading.Key, meterReading);
        Version++;
    }

    public void Add(RawReadingType readingType)
    {
        ReadingTypes.TryAdd(readingType.Key, readingType);
        Version++;
    }

    public void Add(RawLocalTime localTime)
    {
        LocalTimes.TryAdd(localTime.Key, localTime);
        Version++;
    }

    /// <summary>
    /// Finds a resource by key, else by its last <paramref name="tailSegments"/> path segments
    /// when exactly one resource matches (links written with another prefix than the self link).
    /// </summary>
    public static T? Find<T>(Dictionary<string, T> map, string? key, int tailSegments)
        where T : class
    {
        if (key is null)
            return null;
        if (map.TryGetValue(key, out var exact))
            return exact;
        var tail = LinkKey.Tail(key, tailSegments);
        T? found = null;
        foreach (var (candidate, value) in map)
        {
            if (!string.Equals(LinkKey.Tail(candidate, tailSegments), tail, StringComparison.Ordinal))
                continue;
            if (found is not null)
                return null;
            found = value;
        }
        return found;
    }

    private static void Merge(List<string> into, List<string> from)
    {
        foreach (var link in from)
        {
            if (!into.Contains(link))
                into.Add(link);
        }
    }
}
