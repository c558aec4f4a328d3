namespace GbcPortal.Core.Usage;

/// <summary>Finds a service's time zone; the utility's zone when the stored one is unknown here.</summary>
public static class UsageZones
{
    public const string Default = "America/Los_Angeles";

    public static TimeZoneInfo Find(string? id)
    {
        if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            return zone;
        return TimeZoneInfo.FindSystemTimeZoneById(Default);
    }
}
