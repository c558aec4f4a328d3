namespace GbcPortal.Core.Espi.Reading;

/// <summary>Orders readings by start and collapses repeats of the same start.</summary>
internal static class ReadingOrder
{
    /// <summary>
    /// Returns the readings ordered by start with one per start, keeping the first in document
    /// order. Feeds are almost always in order already, so that case costs one pass and no copy.
    /// </summary>
    public static IntervalReading[] SortDistinct(IntervalReading[] readings, out int dropped)
    {
        dropped = 0;
        var ordered = true;
        for (var i = 1; i < readings.Length && ordered; i++)
            ordered = readings[i].Start > readings[i - 1].Start;
        if (ordered)
            return readings;

        var keys = new (DateTimeOffset Start, int Index)[readings.Length];
        for (var i = 0; i < readings.Length; i++)
            keys[i] = (readings[i].Start, i);
        Array.Sort(keys, static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Index.CompareTo(b.Index));

        var result = new List<IntervalReading>(readings.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            if (i > 0 && keys[i].Start == keys[i - 1].Start)
            {
                dropped++;
                continue;
            }
            result.Add(readings[keys[i].Index]);
        }
        return [.. result];
    }

    public static int MostCommonDuration(IReadOnlyList<IntervalReading> readings)
    {
        var counts = new Dictionary<int, int>();
        foreach (var reading in readings)
            counts[reading.DurationSeconds] = counts.GetValueOrDefault(reading.DurationSeconds) + 1;
        return counts.MaxBy(pair => pair.Value).Key;
    }
}
