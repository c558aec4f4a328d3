using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Portal.Callbacks;

/// <summary>
/// The mutual-TLS endpoint the utility posts usage to (section <c>Callback</c>). The section's <c>MaxBodyBytes</c>
/// is Core's <see cref="Core.Gbc.BodyLimitOptions"/>: the intake reads it.
/// </summary>
public sealed class CallbackOptions
{
    public const string SectionName = "Callback";

    /// <summary>Where Kestrel listens for callbacks; port 0 picks a free port (tests).</summary>
    [Required, Url]
    public string Url { get; set; } = "https://127.0.0.1:7444";

    /// <summary>
    /// The callbackUri sent to the utility. Empty: the bound <see cref="Url"/> plus
    /// <c>/gbc/callback</c>, which is right when the utility reaches us directly.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Optional pin: only this utility client certificate is accepted, even among others from its CA.
    /// The server certificate and the utility's CA come from the <c>Certificates</c> section.</summary>
    public string? UtilityClientThumbprint { get; set; }
}
