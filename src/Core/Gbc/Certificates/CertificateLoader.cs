using System.Security.Cryptography.X509Certificates;

namespace GbcPortal.Core.Gbc.Certificates;

/// <summary>Loads certificates from files and resolves <see cref="CertificatesOptions"/> for one party.</summary>
public static class CertificateLoader
{
    /// <summary>
    /// Resolves the party's certificates: explicit files when given, else the dev set in
    /// <see cref="CertificatesOptions.Directory"/>, created there when <paramref name="createDevSet"/>
    /// (Development) and missing.
    /// </summary>
    public static PartyCertificates Resolve(CertificatesOptions options, CertificateParty party, bool createDevSet)
    {
        ArgumentNullException.ThrowIfNull(options);
        DevCertificateSet? dev = null;
        if (!string.IsNullOrWhiteSpace(options.Directory))
        {
            var directory = Path.GetFullPath(options.Directory);
            dev = createDevSet ? DevCertificates.EnsureCreated(directory) : TryLoadDev(directory);
        }

        var server = options.ServerCertificate is { Length: > 0 } serverPath
            ? LoadWithKey(serverPath, options.ServerKey, options.ServerPassword)
            : party == CertificateParty.Portal ? dev?.PortalServer : dev?.UtilityServer;
        var client = options.ClientCertificate is { Length: > 0 } clientPath
            ? LoadWithKey(clientPath, options.ClientKey, options.ClientPassword)
            : party == CertificateParty.Portal ? dev?.PortalClient : dev?.UtilityClient;
        var trust = options.PeerThumbprint is { Length: > 0 } thumbprint
            ? CertificateTrust.ForThumbprint(thumbprint)
            : options.PeerCa is { Length: > 0 } caPath
                ? CertificateTrust.ForCa(LoadPublic(caPath))
                : dev is not null ? CertificateTrust.ForCa(dev.Ca) : null;

        if (server is null || client is null || trust is null)
        {
            throw new InvalidOperationException(
                $"Certificates for the {party} are not configured: set {CertificatesOptions.SectionName}:Directory to a dev set " +
                $"(created automatically in Development), or {CertificatesOptions.SectionName}:ServerCertificate, :ClientCertificate " +
                "and :PeerCa or :PeerThumbprint.");
        }
        return new PartyCertificates(server, client, trust);
    }

    /// <summary>
    /// A certificate with its private key from a PFX (password optional) or a PEM certificate
    /// plus PEM key. PEM pairs are round-tripped through PKCS#12 so that SslStream can use the
    /// key on every platform (ephemeral keys are refused on Windows, for one).
    /// </summary>
    public static X509Certificate2 LoadWithKey(string certificatePath, string? keyPath = null, string? password = null)
    {
        if (IsPkcs12(certificatePath))
            return X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password);

        using var pem = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, keyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>A public certificate (a CA, say) from PEM or DER.</summary>
    public static X509Certificate2 LoadPublic(string path) => X509CertificateLoader.LoadCertificateFromFile(path);

    private static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);

    private static DevCertificateSet? TryLoadDev(string directory)
    {
        var ca = Path.Combine(directory, DevCertificateSet.CaName + ".crt");
        return File.Exists(ca) ? DevCertificates.Load(directory) : null;
    }
}
