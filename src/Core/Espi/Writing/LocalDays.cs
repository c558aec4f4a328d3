namespace GbcPortal.Core.Espi.Writing;

/// <summary>One IntervalBlock's worth of readings: a local day (23, 24 or 25 hours long).</summary>
internal readonly record struct DayBlock(DateTimeOffset Start, DateTimeOffset End, ArraySegment<IntervalReading> Readings);

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
            var end = sorted[first].End;
            while (last + 1 < sorted.Length && DateOf(sorted[last + 1].Start, local) == day)
            {
                last++;
                if (sorted[last].End > end)
                    end = sorted[last].End;
            }

            var dayStart = MidnightUtc(day, local);
            var dayEnd = MidnightUtc(day.AddDays(1), local);
            // A reading that runs past midnight (a 2-hour or monthly reading) still fits its block.
            var start = sorted[first].Start < dayStart ? sorted[first].Start : dayStart;
            yield return new DayBlock(start, end > dayEnd ? end : dayEnd, new ArraySegment<IntervalReading>(sorted, first, last - first + 1));
            first = last + 1;
        }
    }

    public static DateOnly DateOf(DateTimeOffset utc, LocalTimeParameters? local) =>
        DateOnly.FromDateTime((local?.ToLocal(utc) ?? utc.ToUniversalTime()).DateTime);

    /// <summary>The UTC instant of local 00:00 on <paramref name="date"/>.</summary>
    public static DateTimeOffset MidnightUtc(DateOnly date, LocalTimeParameters? local)
    {
        var wallClock = date.ToDateTime(TimeOnly.MinValue);
        if (local is null)
            return new DateTimeOffset(wallClock, TimeSpan.Zero);

        // Try standard time first; if midnight falls in daylight time the offset then in force is used.
        var standard = new DateTimeOffset(wallClock, TimeSpan.FromSeconds(local.TzOffsetSeconds));
        var offset = local.OffsetAt(standard);
        var candidate = new DateTimeOffset(wallClock, offset);
        return (local.OffsetAt(candidate) == offset ? candidate : standard).ToUniversalTime();
    }
}
