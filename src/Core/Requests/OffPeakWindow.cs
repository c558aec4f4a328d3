using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// The utility's off-peak hours (6 pm to 6 am Pacific by default) in which recurring requests may go out.
/// Judged on the local wall clock, so the window follows DST.
/// </summary>
public sealed class OffPeakWindow(IOptions<DispatchOptions> options)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.OffPeakTimeZone);
    private readonly TimeSpan start = options.Value.OffPeakStart;
    private readonly TimeSpan end = options.Value.OffPeakEnd;

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
