using GbcPortal.Core.Usage;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// The utility's off-peak hours (6 pm to 6 am by default, on the clock of <c>Utility:TimeZone</c>) in which recurring requests may go out.
/// Judged on the local wall clock, so the window follows DST.
/// </summary>
public sealed class OffPeakWindow(IOptions<DispatchOptions> options, IOptions<UtilityTimeZoneOptions>? utility = null)
{
    private readonly TimeZoneInfo zone = (utility?.Value ?? new UtilityTimeZoneOptions()).Zone;
    private readonly TimeSpan start = options.Value.OffPeakStart;
    private readonly TimeSpan end = options.Value.OffPeakEnd;

    /// <summary>The zone whose wall clock the window follows: the utility's.</summary>
    public string TimeZoneId => zone.Id;

    public bool IsOffPeak(DateTimeOffset utc)
    {
        var timeOfDay = TimeZoneInfo.ConvertTime(utc, zone).TimeOfDay;
        return start <= end
            ? timeOfDay >= start && timeOfDay < end
            : timeOfDay >= start || timeOfDay < end;
    }

    /// <summary><paramref name="utc"/> itself when off-peak, else the instant the next off-peak window opens.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset utc) => IsOffPeak(utc) ? utc : NextLocal(utc, start, "OffPeakStart");

    /// <summary>The instant the off-peak window that holds <paramref name="utc"/> closes (the next end time after it).</summary>
    public DateTimeOffset NextClosing(DateTimeOffset utc) => NextLocal(utc, end, "OffPeakEnd");

    /// <summary>The off-peak window that holds <paramref name="utc"/>, or the next one when it is peak: [Open, Close).</summary>
    public (DateTimeOffset Open, DateTimeOffset Close) CurrentOrNext(DateTimeOffset utc)
    {
        var open = IsOffPeak(utc) ? PreviousLocal(utc, start) : NextLocal(utc, start, "OffPeakStart");
        return (open, NextClosing(open));
    }

    /// <summary>The window's length on the wall clock (12 h for 6 pm to 6 am); a DST night is an hour longer or shorter.</summary>
    public TimeSpan NominalLength => start < end ? end - start : end - start + TimeSpan.FromDays(1);

    // The last instant at or before utc at which the local wall clock read timeOfDay.
    private DateTimeOffset PreviousLocal(DateTimeOffset utc, TimeSpan timeOfDay)
    {
        var localDate = TimeZoneInfo.ConvertTime(utc, zone).Date;
        for (var day = 0; day < 3; day++)
        {
            var previous = LocalClock.ToUtc(localDate.AddDays(-day) + timeOfDay, zone);
            if (previous <= utc)
            {
                return previous;
            }
        }

        throw new InvalidOperationException($"No {timeOfDay} local within three days before {utc:u}.");
    }

    // The first instant after utc at which the local wall clock reads timeOfDay (DST-aware).
    private DateTimeOffset NextLocal(DateTimeOffset utc, TimeSpan timeOfDay, string setting)
    {
        var localDate = TimeZoneInfo.ConvertTime(utc, zone).Date;
        for (var day = 0; day < 3; day++)
        {
            var next = LocalClock.ToUtc(localDate.AddDays(day) + timeOfDay, zone);
            if (next > utc)
            {
                return next;
            }
        }

        throw new InvalidOperationException($"No {timeOfDay} local within three days; check Dispatch:{setting}.");
    }
}
