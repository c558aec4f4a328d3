namespace GbcPortal.Core.Espi;

/// <summary>
/// Evaluates the packed ESPI DST rules. A rule's time is the wall-clock time in force just
/// before the change: standard time for the start, daylight time for the end (02:00 both
/// ways in the US).
/// </summary>
public static class DstRules
{
    public static TimeSpan OffsetAt(LocalTimeParameters p, DateTimeOffset utc)
    {
        var standard = TimeSpan.FromSeconds(p.TzOffsetSeconds);
        if (!HasDst(p))
            return standard;

        var year = utc.ToOffset(standard).Year;
        var start = TransitionUtc(p.DstStartRule, year, standard);
        var end = TransitionUtc(p.DstEndRule, year, standard + TimeSpan.FromSeconds(p.DstOffsetSeconds));
        var inDst = start <= end
            ? utc >= start && utc < end
            : utc >= start || utc < end; // southern hemisphere: DST spans the new year
        return inDst ? standard + TimeSpan.FromSeconds(p.DstOffsetSeconds) : standard;
    }

    public static bool HasDst(LocalTimeParameters p) =>
        p.DstOffsetSeconds != 0 && IsValid(p.DstStartRule) && IsValid(p.DstEndRule);

    /// <summary>True when a rule names a month and an operator this code can evaluate.</summary>
    public static bool IsValid(uint rule)
    {
        if (rule == LocalTimeParameters.NoDst)
            return false;
        var month = (int)(rule >> 28);
        var op = (int)((rule >> 25) & 0x7);
        var dayOfMonth = (int)((rule >> 20) & 0x1F);
        var dayOfWeek = (int)((rule >> 17) & 0x7);
        if (month is < 1 or > 12)
            return false;
        return op == 0 ? dayOfMonth is >= 1 and <= 31 : dayOfWeek is >= 1 and <= 7;
    }

    /// <summary>The instant a rule fires in <paramref name="year"/>, given the offset in force before it.</summary>
    public static DateTimeOffset TransitionUtc(uint rule, int year, TimeSpan offsetBefore)
    {
        var seconds = (int)(rule & 0xFFF);
        var hour = (int)((rule >> 12) & 0x1F);
        var dayOfWeek = (int)((rule >> 17) & 0x7);
        var dayOfMonth = (int)((rule >> 20) & 0x1F);
        var op = (int)((rule >> 25) & 0x7);
        var month = (int)(rule >> 28);

        var date = op switch
        {
            0 => new DateOnly(year, month, Math.Min(dayOfMonth, DateTime.DaysInMonth(year, month))),
            1 => OnOrAfter(new DateOnly(year, month, Math.Max(1, dayOfMonth)), dayOfWeek),
            7 => Last(year, month, dayOfWeek),
            _ => Nth(year, month, dayOfWeek, op - 1),
        };
        var local = date.ToDateTime(TimeOnly.MinValue).AddHours(hour).AddSeconds(seconds);
        return new DateTimeOffset(local, offsetBefore).ToUniversalTime();
    }

    // ESPI counts Monday as 1 … Sunday as 7; .NET counts Sunday as 0.
    private static DayOfWeek ToDayOfWeek(int espiDay) => (DayOfWeek)(espiDay % 7);

    private static DateOnly OnOrAfter(DateOnly from, int espiDay)
    {
        var shift = ((int)ToDayOfWeek(espiDay) - (int)from.DayOfWeek + 7) % 7;
        return from.AddDays(shift);
    }

    private static DateOnly Nth(int year, int month, int espiDay, int n)
    {
        var first = OnOrAfter(new DateOnly(year, month, 1), espiDay);
        var nth = first.AddDays(7 * (n - 1));
        return nth.Month == month ? nth : nth.AddDays(-7);
    }

    private static DateOnly Last(int year, int month, int espiDay)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var shift = ((int)last.DayOfWeek - (int)ToDayOfWeek(espiDay) + 7) % 7;
        return last.AddDays(-shift);
    }
}
