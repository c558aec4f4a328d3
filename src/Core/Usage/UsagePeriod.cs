namespace GbcPortal.Core.Usage;

/// <summary>
/// The local-time period a view shows around an anchor date. Weeks start on Sunday, as US utility
/// bills and calendars do. Boundaries are local midnights, so a day may last 23 or 25 hours.
/// </summary>
public sealed record UsagePeriod(UsageView View, DateOnly FirstDay, DateOnly EndDay, DateTimeOffset From, DateTimeOffset To)
{
    public int Days => EndDay.DayNumber - FirstDay.DayNumber;

    public static UsagePeriod Of(UsageView view, DateOnly anchor, TimeZoneInfo zone)
    {
        var first = view switch
        {
            UsageView.Day => anchor,
            UsageView.Week => anchor.AddDays(-(int)anchor.DayOfWeek),
            UsageView.Month => new DateOnly(anchor.Year, anchor.Month, 1),
            _ => new DateOnly(anchor.Year, 1, 1),
        };
        var end = view switch
        {
            UsageView.Day => first.AddDays(1),
            UsageView.Week => first.AddDays(7),
            UsageView.Month => first.AddMonths(1),
            _ => first.AddYears(1),
        };
        return new UsagePeriod(view, first, end, LocalMidnight(first, zone), LocalMidnight(end, zone));
    }

    /// <summary>The anchor one period earlier (negative) or later (positive).</summary>
    public static DateOnly Shift(UsageView view, DateOnly anchor, int periods) => view switch
    {
        UsageView.Day => anchor.AddDays(periods),
        UsageView.Week => anchor.AddDays(7 * periods),
        UsageView.Month => anchor.AddMonths(periods),
        _ => anchor.AddYears(periods),
    };

    public UsagePeriod Previous(TimeZoneInfo zone) => Of(View, Shift(View, FirstDay, -1), zone);

    public UsagePeriod SameLastYear(TimeZoneInfo zone) => Of(View, FirstDay.AddYears(-1), zone);

    /// <summary>The UTC instant of local midnight starting <paramref name="day"/>.</summary>
    public static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Some zones skip midnight on their DST day; the day then starts at the first valid minute.
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(30);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
