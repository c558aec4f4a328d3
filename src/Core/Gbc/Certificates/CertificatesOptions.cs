namespace GbcPortal.Core.Gbc.Certificates;

/// <summary>
/// Where a host finds its certificates (section <c>Certificates</c>). In Development a
/// <see cref="Directory"/> holding the dev set is enough (it is created when missing). In
/// production name the host's own server and client certificates (PFX, or PEM .crt + .key)
/// and how to trust the peer: its CA file or a pinned thumbprint. Explicit files win over
/// the directory.
/// </summary>
public sealed class CertificatesOptions
{
    public const string SectionName = "Certificates";

    /// <summary>Folder of the dev set (ca.crt, NAME.pfx, …); relative paths are taken from the current directory.</summary>
    public string? Directory { get; set; }

    /// <summary>The certificate this host presents as a TLS server (PFX, or PEM with <see cref="ServerKey"/>).</summary>
    public string? ServerCertificate { get; set; }

    public string? ServerKey { get; set; }

    public string? ServerPassword { get; set; }

    /// <summary>The certificate this host presents as a TLS client (PFX, or PEM with <see cref="ClientKey"/>).</summary>
    public string? ClientCertificate { get; set; }

    public string? ClientKey { get; set; }

    public string? ClientPassword { get; set; }

    /// <summary>The CA that issued the peer's certificates (PEM or DER).</summary>
    public string? PeerCa { get; set; }

    /// <summary>Instead of a CA: the peer certificate's SHA-1 or SHA-256 thumbprint.</summary>
    public string? PeerThumbprint { get; set; }
}
