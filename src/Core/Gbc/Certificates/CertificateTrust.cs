using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GbcPortal.Core.Gbc.Certificates;

/// <summary>
/// Decides whether a peer's certificate is the one we expect: either it chains to a given CA
/// (and to nothing else: the system store is not consulted), or its thumbprint is pinned.
/// </summary>
public sealed class CertificateTrust
{
    private readonly X509Certificate2? _ca;
    private readonly string? _thumbprint;

    private CertificateTrust(X509Certificate2? ca, string? thumbprint)
    {
        _ca = ca;
        _thumbprint = thumbprint;
    }

    /// <summary>Trust certificates issued by <paramref name="ca"/> only.</summary>
    public static CertificateTrust ForCa(X509Certificate2 ca) => new(ca ?? throw new ArgumentNullException(nameof(ca)), null);

    /// <summary>Trust the one certificate with this SHA-1 or SHA-256 thumbprint (hex; colons and spaces ignored).</summary>
    public static CertificateTrust ForThumbprint(string thumbprint)
    {
        var normalized = Normalize(thumbprint);
        if (normalized.Length is not (40 or 64) || !normalized.All(Uri.IsHexDigit))
            throw new ArgumentException("A thumbprint is 40 (SHA-1) or 64 (SHA-256) hex digits.", nameof(thumbprint));
        return new CertificateTrust(null, normalized);
    }

    /// <summary>The trusted CA, when trust is by CA (its expiry is watched).</summary>
    public X509Certificate2? Ca => _ca;

    public string Description => _ca is not null ? $"CA {_ca.Subject}" : $"thumbprint {_thumbprint}";

    public bool IsTrusted(X509Certificate? certificate)
    {
        if (certificate is null)
            return false;
        var cert = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (_thumbprint is not null)
        {
            return string.Equals(cert.Thumbprint, _thumbprint, StringComparison.OrdinalIgnoreCase)
                || string.Equals(cert.GetCertHashString(HashAlgorithmName.SHA256), _thumbprint, StringComparison.OrdinalIgnoreCase);
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // dev CAs publish no CRL
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (!chain.Build(cert))
            return false;
        // The root of the chain must be our CA itself, not a same-named impostor.
        var root = chain.ChainElements[^1].Certificate;
        return root.RawDataMemory.Span.SequenceEqual(_ca!.RawDataMemory.Span);
    }

    /// <summary>For <c>SslClientAuthenticationOptions.RemoteCertificateValidationCallback</c> (checking a server).</summary>
    public bool ValidateServer(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        // Name mismatch still matters; chain errors are ours to judge against the pinned CA.
        (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && IsTrusted(certificate);

    /// <summary>For Kestrel's <c>ClientCertificateValidation</c> (checking a client).</summary>
    public bool ValidateClient(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors) => IsTrusted(certificate);

    private static string Normalize(string thumbprint) =>
        new((thumbprint ?? "").Where(c => c is not (':' or ' ' or '-')).ToArray());
}
