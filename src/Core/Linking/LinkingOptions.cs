using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Core.Linking;

/// <summary>Input formats the utility uses (section <c>Linking</c>).</summary>
public sealed class LinkingOptions
{
    public const string Section = "Linking";

    [Required]
    public string ServiceIdPattern { get; set; } = @"^\d{10}$";

    /// <summary>Shown when a Service ID does not match the pattern.</summary>
    [Required]
    public string ServiceIdHint { get; set; } = "A Service ID is the 10 digits printed on your bill.";

    [Required]
    public string PinPattern { get; set; } = @"^\d{4,8}$";

    [Required]
    public string PinHint { get; set; } = "A PIN is 4 to 8 digits, as you created it with the utility.";
}
