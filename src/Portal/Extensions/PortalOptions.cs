using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Portal.Extensions;

/// <summary>Settings of the host itself (section <c>Portal</c>).</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>
    /// The one folder the portal writes to: portal.db, hangfire.db, certs/, keys/.
    /// Relative paths are taken from the content root.
    /// </summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// The address customers reach the portal at (e.g. <c>https://portal.example.com</c>): every link
    /// in an email and every exported document's base URI starts with it. Required in Production;
    /// elsewhere, empty means the address of the request being served.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Seed the Development staff account and the roles on start.</summary>
    public bool SeedStaffAccount { get; set; }

    [EmailAddress]
    public string StaffEmail { get; set; } = "staff@gbcportal.local";

    public string? StaffPassword { get; set; }
}
