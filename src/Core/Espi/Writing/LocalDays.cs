namespace GbcPortal.Core.Espi.Writing;

/// <summary>
/// One IntervalBlock's worth of readings: those of one local day. <see cref="Start"/> and
/// <see cref="End"/> are the span of the readings themselves (first start to last end), as in every
/// utility's feed; a partial day's block is as short as its readings.
/// </summary>
internal readonly record struct DayBlock(DateTimeOffset Start, DateTimeOffset End, ArraySegment<IntervalReading> Readings)
{
    /// <summary>The block of <paramref name="readings"/>, sorted by start and all of one local day.</summary>
    public static DayBlock Of(ArraySegment<IntervalReading> readings)
    {
        var end = readings[0].End;
        foreach (var reading in readings)
        {
            if (reading.End > end)
                end = reading.End;
        }
        return new DayBlock(readings[0].Start, end, readings);
    }
}

/// <summary>
/// Splits readings into local days as utilities do (one IntervalBlock per local day), using the
/// UsagePoint's LocalTimeParameters, or UTC days when it has none.
/// </summary>
internal static class LocalDays
{
    public static IEnumerable<DayBlock> Split(IntervalReading[] sorted, LocalTimeParameters? local)
    {
        var first = 0;
        while (first < sorted.Length)
        {
            var day = DateOf(sorted[first].Start, local);
            var last = first;
            while (last + 1 < sorted.Length && DateOf(sorted[last + 1].Start, local) == day)
                last++;
            yield return DayBlock.Of(new ArraySegment<IntervalReading>(sorted, first, last - first + 1));
            first = last + 1;
        }
    }

    public static DateOnly DateOf(DateTimeOffset utc, LocalTimeParameters? local) =>
        DateOnly.FromDateTime((local?.ToLocal(utc) ?? utc.ToUniversalTime()).DateTime);
}

/// <summary>
/// Gathers readings that arrive one at a time (in start order) into local days, for a streamed
/// feed: only one day is held at a time, in a buffer that is reused.
/// </summary>
internal sealed class DayGatherer(LocalTimeParameters? local)
{
    private IntervalReading[] _buffer = new IntervalReading[128];
    private int _count;
    private DateOnly _day;
    private DateTimeOffset _lastStart = DateTimeOffset.MinValue;

    public bool HasReadings => _count > 0;

    /// <summary>True when <paramref name="reading"/> starts a new local day: take <see cref="Complete"/> first, then add it.</summary>
    public bool StartsNewDay(IntervalReading reading) => _count > 0 && LocalDays.DateOf(reading.Start, local) != _day;

    public void Add(IntervalReading reading)
    {
        if (reading.Start <= _lastStart)
            throw new InvalidOperationException($"Readings must come in increasing start order; {reading.Start:O} came after {_lastStart:O}.");
        _lastStart = reading.Start;
        if (_count == 0)
            _day = LocalDays.DateOf(reading.Start, local);
        if (_count == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        _buffer[_count++] = reading;
    }

    /// <summary>The day gathered so far; the buffer is reused by the next <see cref="Add"/>, so write it first.</summary>
    public DayBlock Complete()
    {
        var block = DayBlock.Of(new ArraySegment<IntervalReading>(_buffer, 0, _count));
        _count = 0;
        return block;
    }

    /// <summary>Starts a new series: the order check starts again.</summary>
    public void Reset()
    {
        _count = 0;
        _lastStart = DateTimeOffset.MinValue;
    }
}
