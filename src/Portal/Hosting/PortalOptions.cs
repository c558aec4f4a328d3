using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Portal.Hosting;

/// <summary>Settings of the host itself (section <c>Portal</c>).</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

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

    /// <summary>
    /// How often an open page checks that its user still exists, is not locked out and holds the same
    /// roles and security stamp (the sign-in cookie is checked as often).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Proxies (nginx in front of each instance) whose X-Forwarded-For and X-Forwarded-Proto are believed:
    /// the client's address for rate limits and the audit, https for the cookie and for redirects.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Seed the demo staff account on start; honoured in Development only, whatever this says.</summary>
    public bool SeedStaffAccount { get; set; }

    [EmailAddress]
    public string StaffEmail { get; set; } = "staff@gbcportal.local";

    public string? StaffPassword { get; set; }
}
