using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Portal.Callbacks;

/// <summary>The mutual-TLS endpoint the utility posts usage to (section <c>Callback</c>).</summary>
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

    /// <summary>Larger bodies get 413. A 185-day 15-minute feed with two flows is about 10 MB.</summary>
    [Range(1024, 1L << 31)]
    public long MaxBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Optional pin: only this utility client certificate is accepted, even among others from its CA.
    /// The server certificate and the utility's CA come from the <c>Certificates</c> section.</summary>
    public string? UtilityClientThumbprint { get; set; }
}
