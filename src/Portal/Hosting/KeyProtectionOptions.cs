namespace GbcPortal.Portal.Hosting;

/// <summary>
/// How the Data Protection key ring is protected at rest (section <c>DataProtection</c>). The keys
/// decrypt every stored PIN, so in Production they are encrypted with this certificate: a copy of
/// the database (or of the keys folder) alone reveals no PIN.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PFX (or PEM with its key in <see cref="CertificateKey"/>) holding a private key. Required in Production.</summary>
    public string? Certificate { get; set; }

    public string? CertificateKey { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Certificates that protected the keys before a rotation: still used to decrypt, never to encrypt.</summary>
    public List<string> PreviousCertificates { get; set; } = [];
}
