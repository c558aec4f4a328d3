using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GbcPortal.Core.Gbc.Certificates;

/// <summary>
/// Makes the development certificate set of gbc-protocol.md: one CA and, signed by it, the
/// utility's and the portal's server and client certificates (RSA 2048, SHA-256).
/// </summary>
public static class DevCertificates
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>
    /// Writes the set into <paramref name="directory"/> unless every file is already there, and
    /// loads it. Existing files are kept (a partial set is completed with the existing CA) unless
    /// <paramref name="force"/>, which makes a new CA and new leaves.
    /// </summary>
    public static DevCertificateSet EnsureCreated(string directory, bool force = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);

        var caCrt = Path.Combine(directory, DevCertificateSet.CaName + ".crt");
        var caKey = Path.Combine(directory, DevCertificateSet.CaName + ".key");
        using var ca = !force && File.Exists(caCrt) && File.Exists(caKey)
            ? X509Certificate2.CreateFromPemFile(caCrt, caKey)
            : WriteCa(caCrt, caKey);

        foreach (var name in DevCertificateSet.LeafNames)
        {
            var missing = !File.Exists(Path.Combine(directory, name + ".pfx"))
                || !File.Exists(Path.Combine(directory, name + ".crt"))
                || !File.Exists(Path.Combine(directory, name + ".key"));
            if (force || missing)
                WriteLeaf(directory, name, ca);
        }

        return Load(directory);
    }

    /// <summary>Loads a set written earlier; throws <see cref="FileNotFoundException"/> when a file is missing.</summary>
    public static DevCertificateSet Load(string directory)
    {
        directory = Path.GetFullPath(directory);
        return new DevCertificateSet(
            directory,
            X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, DevCertificateSet.CaName + ".crt")),
            LoadPfx(directory, DevCertificateSet.UtilityServerName),
            LoadPfx(directory, DevCertificateSet.UtilityClientName),
            LoadPfx(directory, DevCertificateSet.PortalServerName),
            LoadPfx(directory, DevCertificateSet.PortalClientName));
    }

    private static X509Certificate2 LoadPfx(string directory, string name) =>
        X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(directory, name + ".pfx"), password: null);

    private static X509Certificate2 WriteCa(string crtPath, string keyPath)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=GbcPortal Development CA, O=GbcPortal", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var ca = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        File.WriteAllText(crtPath, ca.ExportCertificatePem());
        WriteSecret(keyPath, key.ExportPkcs8PrivateKeyPem());
        return ca;
    }

    private static void WriteLeaf(string directory, string name, X509Certificate2 ca)
    {
        var isServer = name.EndsWith("-server", StringComparison.Ordinal);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=GbcPortal {name}, O=GbcPortal", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([isServer ? ServerAuth : ClientAuth], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (isServer)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            san.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(san.Build());
        }

        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number, as RFC 5280 asks
        using var signed = request.Create(ca, now.AddDays(-1), now.AddYears(2), serial);
        using var withKey = signed.CopyWithPrivateKey(key);

        File.WriteAllBytes(Path.Combine(directory, name + ".pfx"), withKey.Export(X509ContentType.Pkcs12));
        File.WriteAllText(Path.Combine(directory, name + ".crt"), withKey.ExportCertificatePem());
        WriteSecret(Path.Combine(directory, name + ".key"), key.ExportPkcs8PrivateKeyPem());
    }

    // Private keys are readable by their owner only where the file system lets us say so.
    private static void WriteSecret(string path, string pem)
    {
        File.WriteAllText(path, pem);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
