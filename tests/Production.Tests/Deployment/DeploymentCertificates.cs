using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GbcPortal.Core.Gbc.Certificates;

namespace GbcPortal.Production.Tests.Deployment;

/// <summary>
/// The files a real deployment is handed, each in its own place: the portal's server certificate as
/// PEM + key, its client certificate as a PFX, the utility's CA, the utility's side for the simulator,
/// a password-protected PFX that encrypts the key ring, and the public TLS certificate nginx serves.
/// One test CA issues the mutual-TLS pair (as the utility's CA would); nothing is read from a dev folder.
/// </summary>
public sealed class DeploymentCertificates
{
    public const string KeyRingPassword = "key-ring-Test-2026";

    private DeploymentCertificates(string root) => Root = root;

    public string Root { get; }

    public string PortalServerCrt => Path.Combine(Root, "portal", "callback-server.crt");
    public string PortalServerKey => Path.Combine(Root, "portal", "callback-server.key");
    public string PortalClientPfx => Path.Combine(Root, "portal", "gbc-client.pfx");
    public string UtilityCa => Path.Combine(Root, "portal", "utility-ca.crt");
    public string KeyRingPfx => Path.Combine(Root, "portal", "key-ring.pfx");
    public string PublicCrt => Path.Combine(Root, "nginx", "public.crt");
    public string PublicKey => Path.Combine(Root, "nginx", "public.key");

    public string UtilityServerPfx => Path.Combine(Root, "utility", "utility-server.pfx");
    public string UtilityClientPfx => Path.Combine(Root, "utility", "utility-client.pfx");
    public string PortalCa => Path.Combine(Root, "utility", "requestor-ca.crt");

    public required string UtilityClientThumbprint { get; init; }

    public static DeploymentCertificates Create(string root)
    {
        var issued = Path.Combine(root, "issued");
        var set = DevCertificates.EnsureCreated(issued);
        foreach (var folder in new[] { "portal", "utility", "nginx" })
            Directory.CreateDirectory(Path.Combine(root, folder));
        var certificates = new DeploymentCertificates(root) { UtilityClientThumbprint = set.UtilityClient.Thumbprint };

        File.Copy(set.PathOf(DevCertificateSet.PortalServerName, ".crt"), certificates.PortalServerCrt);
        File.Copy(set.PathOf(DevCertificateSet.PortalServerName, ".key"), certificates.PortalServerKey);
        File.Copy(set.PathOf(DevCertificateSet.PortalClientName, ".pfx"), certificates.PortalClientPfx);
        File.Copy(set.CaCertificatePath, certificates.UtilityCa);
        File.Copy(set.PathOf(DevCertificateSet.UtilityServerName, ".pfx"), certificates.UtilityServerPfx);
        File.Copy(set.PathOf(DevCertificateSet.UtilityClientName, ".pfx"), certificates.UtilityClientPfx);
        File.Copy(set.CaCertificatePath, certificates.PortalCa);
        Directory.Delete(issued, recursive: true);

        using (var keyRing = SelfSigned("CN=GbcPortal key ring", TimeSpan.FromDays(20), san: null))
            File.WriteAllBytes(certificates.KeyRingPfx, keyRing.Export(X509ContentType.Pkcs12, KeyRingPassword));
        using (var site = SelfSigned("CN=127.0.0.2", TimeSpan.FromDays(90), IPAddress.Parse("127.0.0.2")))
        {
            File.WriteAllText(certificates.PublicCrt, site.ExportCertificatePem());
            File.WriteAllText(certificates.PublicKey, site.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        }
        return certificates;
    }

    /// <summary>A certificate that expires in <paramref name="lifetime"/> (the key ring's 20 days raise the expiry warning).</summary>
    public static X509Certificate2 SelfSigned(string subject, TimeSpan lifetime, IPAddress? san)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (san is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(san);
            request.CertificateExtensions.Add(names.Build());
        }
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now + lifetime);
    }
}
