using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Core.Usage;

/// <summary>
/// The utility's time zone (setting <c>Utility:TimeZone</c>), the one setting for it: the utility's days end at its
/// midnight, its off-peak hours and the nightly refresh are on its clock, and a service whose own zone is unknown
/// here is shown in it.
/// </summary>
public sealed class UtilityTimeZoneOptions
{
    public const string SectionName = "Utility";

    [Required]
    public string TimeZone { get; set; } = "America/Los_Angeles";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>A service's zone: its stored one when this machine knows it, else the utility's.</summary>
    public TimeZoneInfo ZoneOf(string? serviceZoneId) =>
        !string.IsNullOrWhiteSpace(serviceZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(serviceZoneId, out var zone) ? zone : Zone;
}
