using GbcPortal.Core.Espi;
using GbcPortal.Simulator.Accounts;

namespace GbcPortal.Simulator.Data;

/// <summary>
/// A residential load (and, for solar accounts, rooftop production) that depends only on the
/// Service ID and the interval's start, so overlapping and repeated requests agree and tests can
/// compute the truth. Shapes follow the local (Pacific) clock, DST included.
/// </summary>
internal static class UsageModel
{
    /// <summary>
    /// The interval's energy in raw units (Wh / 10^multiplier): what the grid delivered to the
    /// home and what the home sent back. Integers, so every value is exact at the account's precision.
    /// </summary>
    public static (long Delivered, long Received) Reading(SimAccount account, long start)
    {
        var seed = Hash.Of(account.ServiceId);
        var hours = account.IntervalSeconds / 3600.0;
        var local = LocalTimeParameters.Pacific.ToLocal(DateTimeOffset.FromUnixTimeSeconds(start + account.IntervalSeconds / 2));
        var hour = local.Hour + local.Minute / 60.0 + local.Second / 3600.0;
        var season = Math.Cos(2 * Math.PI * (local.DayOfYear - 200) / 365.25); // +1 in late July, -1 in January

        var load = LoadWatts(seed, hour, season, local.DayOfWeek) * (0.85 + 0.3 * Hash.Unit(seed, start));
        var solar = account.Solar ? SolarWatts(seed, hour, season, local) : 0;

        var unit = Math.Pow(10, account.PowerOfTenMultiplier);
        var delivered = Math.Max(0, load - solar) * hours;
        var received = Math.Max(0, solar - load) * hours;
        return ((long)Math.Round(delivered / unit), (long)Math.Round(received / unit));
    }

    private static double LoadWatts(ulong seed, double hour, double season, DayOfWeek day)
    {
        var size = 0.7 + 0.6 * Hash.Unit(seed, 1);           // small flat … large house
        var baseLoad = 180 + 120 * Hash.Unit(seed, 2);       // fridge, standby
        var weekend = day is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var morning = (weekend ? 500 : 700) * Bump(hour, weekend ? 9.0 : 7.3, 1.1);
        var evening = 1300 * Bump(hour, 19.0, 2.0);
        var midday = (weekend ? 450 : 150) * Bump(hour, 13.0, 2.5);
        var cooling = 1600 * Math.Max(0, season) * Math.Max(0, season) * Bump(hour, 16.5, 3.0);
        var heating = 500 * Math.Max(0, -season) * (Bump(hour, 7.0, 1.5) + Bump(hour, 20.0, 2.5));
        return size * (baseLoad + morning + evening + midday + cooling + heating);
    }

    private static double SolarWatts(ulong seed, double hour, double season, DateTimeOffset local)
    {
        var capacity = 3500 + 3000 * Hash.Unit(seed, 3);
        // Local clock times of sunrise and sunset through the year (DST shifts them by the hour).
        var sunrise = 6.6 - 0.9 * season;
        var sunset = 17.6 + 2.3 * season;
        if (hour <= sunrise || hour >= sunset)
            return 0;
        var sky = 0.35 + 0.65 * Hash.Unit(seed, local.Year * 1000L + local.DayOfYear); // clouds, per local day
        var height = 0.65 + 0.35 * season;
        return capacity * height * sky * Math.Sin(Math.PI * (hour - sunrise) / (sunset - sunrise));
    }

    private static double Bump(double hour, double center, double width) =>
        Math.Exp(-Math.Pow((hour - center) / width, 2) / 2);
}
