namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// The hot loop: IntervalBlock → IntervalReadings. Names are compared by reference and
/// numbers parsed from a reused buffer, so a reading allocates nothing here.
/// </summary>
internal sealed class BlockParser(XmlCursor cursor, FeedGraph graph, ReaderWarnings warnings)
{
    private const int MaxSampledIntervals = 64;
    private const long MinUnixSeconds = -62_135_596_800;
    private const long MaxUnixSeconds = 253_402_300_799;
    private readonly EspiNames _n = cursor.Names;

    public List<RawReading> Readings { get; } = [];

    public void ParseBlock()
    {
        if (cursor.Reader.IsEmptyElement)
            return;
        var depth = cursor.Reader.Depth;
        while (cursor.NextChild(depth))
        {
            var name = cursor.OurName();
            if (ReferenceEquals(name, _n.IntervalReading))
                ParseReading();
            else if (ReferenceEquals(name, _n.Interval))
                ParseInterval();
            else
                cursor.Skip();
        }
    }

    private void ParseReading()
    {
        var line = cursor.Line;
        var position = cursor.Position;
        long? start = null;
        long? duration = null;
        double? value = null;
        long? cost = null;
        ulong quality = 0;
        if (!cursor.Reader.IsEmptyElement)
        {
            var depth = cursor.Reader.Depth;
            while (cursor.NextChild(depth))
            {
                // One name lookup per element: this loop runs for every reading of the feed.
                var name = cursor.OurName();
                if (ReferenceEquals(name, _n.TimePeriod))
                    (start, duration) = ParsePeriod();
                else if (ReferenceEquals(name, _n.Value))
                    value = cursor.ReadDouble("value");
                else if (ReferenceEquals(name, _n.Cost))
                    cost = cursor.ReadInt64("cost", out _);
                else if (ReferenceEquals(name, _n.ReadingQuality))
                    quality |= ParseQuality();
                else
                    cursor.Skip();
            }
        }

        if (start is null)
            throw new EspiFormatException("An IntervalReading has no timePeriod start", line, position);
        if (duration is null)
            throw new EspiFormatException("An IntervalReading has no timePeriod duration", line, position);
        if (value is null)
            throw new EspiFormatException("An IntervalReading has no value", line, position);
        if (start is < MinUnixSeconds or > MaxUnixSeconds)
            throw new EspiFormatException($"An IntervalReading starts outside the calendar: {start}", line, position);
        if (duration is < 0 or > int.MaxValue)
            throw new EspiFormatException($"An IntervalReading has an invalid duration: {duration}", line, position);
        Readings.Add(new RawReading(start.Value, (int)duration.Value, value.Value, cost ?? 0, cost.HasValue, quality));
    }

    private (long? Start, long? Duration) ParsePeriod()
    {
        long? start = null;
        long? duration = null;
        if (cursor.Reader.IsEmptyElement)
            return (start, duration);
        var depth = cursor.Reader.Depth;
        while (cursor.NextChild(depth))
        {
            var name = cursor.OurName();
            if (ReferenceEquals(name, _n.Start))
            {
                start = cursor.ReadInt64("start", out var fractional);
                if (fractional)
                    graph.FractionalStarts++;
            }
            else if (ReferenceEquals(name, _n.Duration))
            {
                duration = cursor.ReadInt64("duration", out _);
            }
            else
            {
                cursor.Skip();
            }
        }
        return (start, duration);
    }

    private ulong ParseQuality()
    {
        ulong mask = 0;
        if (cursor.Reader.IsEmptyElement)
            return mask;
        var depth = cursor.Reader.Depth;
        while (cursor.NextChild(depth))
        {
            if (!cursor.Is(_n.Quality))
            {
                cursor.Skip();
                continue;
            }
            var code = cursor.ReadInt64("quality", out _);
            if (code is >= 0 and < 64)
                mask |= 1UL << (int)code.Value;
            else if (code is not null)
                warnings.Add($"ReadingQuality code {code} is outside 0–63 and was ignored");
        }
        return mask;
    }

    private void ParseInterval()
    {
        var (start, duration) = ParsePeriod();
        if (start is not null && duration is not null && graph.BlockIntervals.Count < MaxSampledIntervals)
            graph.BlockIntervals.Add((start.Value, duration.Value));
    }
}
