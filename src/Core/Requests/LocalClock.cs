namespace GbcPortal.Core.Requests;

/// <summary>Wall-clock arithmetic in a zone, with DST gaps and overlaps resolved the same way everywhere.</summary>
public static class LocalClock
{
    /// <summary>The instant of local midnight that starts the local day containing <paramref name="utc"/>.</summary>
    public static DateTimeOffset StartOfLocalDay(DateTimeOffset utc, TimeZoneInfo zone) =>
        ToUtc(TimeZoneInfo.ConvertTime(utc, zone).Date, zone);

    /// <summary>
    /// The instant a local wall-clock time names. A time inside a spring-forward gap is moved forward
    /// past the gap; a time that occurs twice (fall-back) is taken at its first occurrence.
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var guard = 0;
        while (zone.IsInvalidTime(local) && guard++ < 24 * 4)
        {
            local = local.AddMinutes(15);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
