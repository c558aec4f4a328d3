using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Core.Linking;

/// <summary>Input formats the utility uses, and the limits that keep the portal from being a PIN oracle (section <c>Linking</c>).</summary>
public sealed class LinkingOptions
{
    public const string SectionName = "Linking";

    [Required]
    public string ServiceIdPattern { get; set; } = @"^\d{10}$";

    /// <summary>Shown when a Service ID does not match the pattern.</summary>
    [Required]
    public string ServiceIdHint { get; set; } = "A Service ID is the 10 digits printed on your bill.";

    [Required]
    public string PinPattern { get; set; } = @"^\d{4,8}$";

    [Required]
    public string PinHint { get; set; } = "A PIN is 4 to 8 digits, as you created it with the utility.";

    /// <summary>Wrong PINs for one Service ID (from any account) within <see cref="RefusalWindow"/> before new attempts are held.</summary>
    [Range(1, 1000)]
    public int MaxWrongPinsPerServiceId { get; set; } = 3;

    /// <summary>Refused links (wrong PIN or unknown Service ID) by one account within <see cref="RefusalWindow"/> before it is held.</summary>
    [Range(1, 1000)]
    public int MaxRefusalsPerAccount { get; set; } = 10;

    /// <summary>How far back refusals count, and how long a hold lasts unless staff lift it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RefusalWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Live links per account unless staff raised it for that account.</summary>
    [Range(1, 10_000)]
    public int MaxLiveLinksPerAccount { get; set; } = 10;
}
