using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Upload;

/// <summary>
/// The IANA zone a file-only service is bucketed in. A feed carries only its standard offset and
/// DST rules, not a zone name, so the US zones are recognised by offset (with or without DST);
/// any other whole-hour offset becomes a fixed Etc/GMT zone, and a feed without local time takes the utility's.
/// </summary>
public static class LocalTimeZones
{
    public static string Guess(LocalTimeParameters? local, string utilityZone)
    {
        if (local is null)
            return utilityZone;
        var observesDst = local.DstOffsetSeconds != 0 && local.DstStartRule != LocalTimeParameters.NoDst;
        return (local.TzOffsetSeconds / 3600, observesDst) switch
        {
            (-5, _) => "America/New_York",
            (-6, _) => "America/Chicago",
            (-7, true) => "America/Denver",
            (-7, false) => "America/Phoenix",
            (-8, _) => "America/Los_Angeles",
            (-9, _) => "America/Anchorage",
            (-10, _) => "Pacific/Honolulu",
            // Etc/GMT signs are inverted: Etc/GMT+5 is five hours behind UTC.
            var (hours, _) when local.TzOffsetSeconds % 3600 == 0 && hours is >= -12 and <= 14 =>
                hours == 0 ? "Etc/UTC" : $"Etc/GMT{(hours < 0 ? "+" : "-")}{Math.Abs(hours)}",
            _ => utilityZone,
        };
    }
}
