using GbcPortal.Core.Espi.Writing;

namespace GbcPortal.Core.Espi;

/// <summary>
/// Writes series as an ESPI Atom feed that validates against espi.xsd, in the utility's order and
/// shape: per UsagePoint its LocalTimeParameters, ReadingTypes and UsagePoint entries, per series a
/// MeterReading and one IntervalBlock per local day spanning exactly its readings, then any
/// UsageSummary entries. Every entry's links are <c>up</c>, <c>self</c>, then <c>related</c>, all
/// under one base URI. The same input and options give the same bytes.
/// </summary>
public static class EspiWriter
{
    private const int StreamChunkBytes = 64 * 1024;

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
        var links = LinksOf(options);
        var plan = FeedPlan.Build(series, options, links);

        using var feed = new FeedComposer(output, options, links, options.Updated ?? LatestEnd(series));
        foreach (var usagePoint in plan)
        {
            feed.UsagePoint(usagePoint);
            for (var i = 0; i < usagePoint.Series.Count; i++)
            {
                var blocks = feed.MeterReading(usagePoint, i);
                var multiplier = usagePoint.Series[i].Type.PowerOfTenMultiplier;
                foreach (var day in LocalDays.Split(usagePoint.Series[i].Readings, usagePoint.Info.LocalTime))
                    feed.Block(blocks, day, multiplier);
            }
            feed.Summaries(usagePoint);
        }
        feed.End();
    }

    /// <summary>
    /// Writes one usage point's series as they are read, holding one local day at a time: for
    /// exports too large to build in memory. The reading types must already name their currency
    /// when their readings carry cost (their entries come first), and
    /// <see cref="EspiWriterOptions.Updated"/> must be set, since the newest reading is not known up
    /// front. A reading out of order or out of range ends the feed with an exception, part written.
    /// </summary>
    public static async Task WriteAsync(Stream output, UsagePointInfo usagePoint, IReadOnlyList<EspiSeriesSource> series,
        EspiWriterOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(usagePoint);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Updated is not { } updated)
            throw new ArgumentException("A streamed feed needs EspiWriterOptions.Updated.", nameof(options));
        var links = LinksOf(options);
        var plan = FeedPlan.ForStream(usagePoint, [.. series.Select(s => s.ReadingType)], links);

        // XmlWriter is synchronous; it writes into this buffer, which is copied out asynchronously
        // whenever it holds a chunk, so the output (an HTTP response) never sees a blocking write.
        using var buffer = new MemoryStream(StreamChunkBytes * 2);
        using (var feed = new FeedComposer(buffer, options, links, updated))
        {
            feed.UsagePoint(plan);
            var days = new DayGatherer(usagePoint.LocalTime);
            for (var i = 0; i < series.Count; i++)
            {
                var blocks = feed.MeterReading(plan, i);
                var multiplier = series[i].ReadingType.PowerOfTenMultiplier;
                days.Reset();
                await foreach (var reading in series[i].Readings.WithCancellation(ct))
                {
                    if (days.StartsNewDay(reading))
                    {
                        feed.Block(blocks, days.Complete(), multiplier);
                        await DrainAsync(feed, buffer, output, StreamChunkBytes, ct);
                    }
                    days.Add(reading);
                }
                if (days.HasReadings)
                    feed.Block(blocks, days.Complete(), multiplier);
            }
            feed.End();
        }
        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
    }

    private static async ValueTask DrainAsync(FeedComposer feed, MemoryStream buffer, Stream output, int atLeast, CancellationToken ct)
    {
        feed.Flush();
        if (buffer.Length < atLeast)
            return;
        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        buffer.SetLength(0);
    }

    private static EspiLinks LinksOf(EspiWriterOptions options)
    {
        if (!options.BaseUri.IsAbsoluteUri)
            throw new ArgumentException($"EspiWriterOptions.BaseUri must be absolute, not '{options.BaseUri}'.", nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SubscriptionId, nameof(options));
        return new EspiLinks(options.BaseUri, options.SubscriptionId);
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
