namespace GbcPortal.Core.Persistence;

/// <summary>
/// Readings to and from <see cref="ReadingDay"/> rows. The slot width is the greatest common divisor of a
/// day (86,400 s), of every reading's offset into its UTC day and of every duration up to a day: 900 for a
/// quarter-hour series, 3600 for an hourly one, whatever mix a day holds, so every start lands on a slot.
/// A reading whose duration is not that width (a day's or a month's reading, a mixed day) keeps it in
/// <see cref="ReadingDay.Durations"/>. The PostgreSQL migration <c>ReadingDaysOnPostgres</c> does the same in SQL.
/// </summary>
public static class ReadingDayCodec
{
    public const int DaySeconds = 86_400;

    /// <summary>The UTC midnight at or before <paramref name="start"/>.</summary>
    public static long DayOf(long start) => start - Mod(start);

    /// <summary>One day row from readings of one link, reading type and UTC day (at most one a start).</summary>
    public static ReadingDay Encode(IReadOnlyCollection<StoredReading> readings)
    {
        var first = readings.First();
        var day = DayOf(first.Start);
        long width = DaySeconds;
        foreach (var r in readings)
        {
            if (r.LinkId != first.LinkId || r.ReadingTypeId != first.ReadingTypeId || DayOf(r.Start) != day)
                throw new ArgumentException("A day row holds one link's, one reading type's and one UTC day's readings.", nameof(readings));
            width = Gcd(width, r.Start - day);
            if (r.DurationSeconds is > 0 and <= DaySeconds)
                width = Gcd(width, r.DurationSeconds);
        }
        var last = readings.Max(r => r.Start - day) / width;
        var values = new double?[last + 1];
        long?[]? qualities = null;
        decimal?[]? costs = null;
        int?[]? durations = null;
        foreach (var r in readings)
        {
            var slot = (r.Start - day) / width;
            if (values[slot] is not null)
                throw new ArgumentException($"Two readings start at {r.Start}.", nameof(readings));
            values[slot] = r.ValueWh;
            if (r.Quality != 0)
                (qualities ??= new long?[values.Length])[slot] = r.Quality;
            if (r.Cost is { } cost)
                (costs ??= new decimal?[values.Length])[slot] = cost;
            if (r.DurationSeconds != width)
                (durations ??= new int?[values.Length])[slot] = r.DurationSeconds;
        }
        // The view reads a quality of 0 for a slot the array leaves NULL, and the slot's width for a NULL duration.
        return new ReadingDay
        {
            LinkId = first.LinkId, ReadingTypeId = first.ReadingTypeId, Day = day, IntervalSeconds = (int)width,
            FlowDirection = first.FlowDirection, Values = values, Qualities = qualities, Costs = costs, Durations = durations,
        };
    }

    /// <summary>The readings of a day row, in start order.</summary>
    public static IEnumerable<StoredReading> Decode(ReadingDay day)
    {
        for (var i = 0; i < day.Values.Length; i++)
        {
            if (day.Values[i] is not { } value)
                continue;
            yield return new StoredReading
            {
                LinkId = day.LinkId, ReadingTypeId = day.ReadingTypeId, Start = day.Day + (long)i * day.IntervalSeconds,
                DurationSeconds = At(day.Durations, i) ?? day.IntervalSeconds, ValueWh = value, FlowDirection = day.FlowDirection,
                Quality = At(day.Qualities, i) ?? 0, Cost = At(day.Costs, i),
            };
        }
    }

    /// <summary>True when both rows hold the same readings in the same layout (a repeated feed writes nothing).</summary>
    public static bool Same(ReadingDay a, ReadingDay b) =>
        a.IntervalSeconds == b.IntervalSeconds && a.FlowDirection == b.FlowDirection && a.Values.SequenceEqual(b.Values)
        && Equal(a.Qualities, b.Qualities) && Equal(a.Costs, b.Costs) && Equal(a.Durations, b.Durations);

    private static bool Equal<T>(T[]? a, T[]? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);

    private static T? At<T>(T?[]? array, int i) where T : struct => array is not null && i < array.Length ? array[i] : null;

    private static long Mod(long start) => ((start % DaySeconds) + DaySeconds) % DaySeconds;

    private static long Gcd(long a, long b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return Math.Abs(a);
    }
}
