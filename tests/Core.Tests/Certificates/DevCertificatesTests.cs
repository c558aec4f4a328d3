using System.Security.Cryptography.X509Certificates;
using GbcPortal.Core.Gbc.Certificates;

namespace GbcPortal.Core.Tests.Certificates;

public sealed class DevCertificatesTests(CertificatesFixture certs) : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void EnsureCreated_WritesEveryFileOfTheProtocolTable()
    {

        var expected = new[]
        {
            "ca.crt", "ca.key",
            "portal-client.crt", "portal-client.key", "portal-client.pfx",
            "portal-server.crt", "portal-server.key", "portal-server.pfx",
            "utility-client.crt", "utility-client.key", "utility-client.pfx",
            "utility-server.crt", "utility-server.key", "utility-server.pfx",
        };
        Assert.Equal(expected, Directory.GetFiles(certs.Ours.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EnsureCreated_GivesRsa2048Sha256WithTheRightExtensions()
    {
        var set = certs.Ours;

        var caConstraints = set.Ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(caConstraints.CertificateAuthority);
        foreach (var leaf in new[] { set.UtilityServer, set.UtilityClient, set.PortalServer, set.PortalClient })
        {
            Assert.True(leaf.HasPrivateKey);
            Assert.Equal(2048, leaf.GetRSAPublicKey()!.KeySize);
            Assert.Equal("1.2.840.113549.1.1.11", leaf.SignatureAlgorithm.Value); // sha256WithRSAEncryption
            Assert.False(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
            Assert.Equal(set.Ca.Subject, leaf.Issuer);
        }

        Assert.Equal("1.3.6.1.5.5.7.3.1", Eku(set.UtilityServer));
        Assert.Equal("1.3.6.1.5.5.7.3.1", Eku(set.PortalServer));
        Assert.Equal("1.3.6.1.5.5.7.3.2", Eku(set.UtilityClient));
        Assert.Equal("1.3.6.1.5.5.7.3.2", Eku(set.PortalClient));

        var san = set.UtilityServer.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", san.EnumerateDnsNames());
        Assert.Contains(System.Net.IPAddress.Loopback, san.EnumerateIPAddresses());
        Assert.Empty(set.PortalClient.Extensions.OfType<X509SubjectAlternativeNameExtension>());
    }

    [Fact]
    public void EnsureCreated_KeepsExistingFilesUnlessForced()
    {
        var first = CopyOfTheSharedSet();
        var again = DevCertificates.EnsureCreated(Dir);
        var forced = DevCertificates.EnsureCreated(Dir, force: true);

        Assert.Equal(first.Ca.Thumbprint, again.Ca.Thumbprint);
        Assert.Equal(first.PortalClient.Thumbprint, again.PortalClient.Thumbprint);
        Assert.NotEqual(first.Ca.Thumbprint, forced.Ca.Thumbprint);
        Assert.NotEqual(first.PortalClient.Thumbprint, forced.PortalClient.Thumbprint);
    }

    [Fact]
    public void EnsureCreated_CompletesAPartialSetWithTheExistingCa()
    {
        var first = CopyOfTheSharedSet();
        File.Delete(Path.Combine(Dir, "portal-client.pfx"));

        var completed = DevCertificates.EnsureCreated(Dir);

        Assert.Equal(first.Ca.Thumbprint, completed.Ca.Thumbprint);
        Assert.NotEqual(first.PortalClient.Thumbprint, completed.PortalClient.Thumbprint);
        Assert.True(CertificateTrust.ForCa(completed.Ca).IsTrusted(completed.PortalClient));
    }

    [Fact]
    public void PemPairs_LoadWithAUsablePrivateKey()
    {
        var set = certs.Ours;

        using var fromPem = CertificateLoader.LoadWithKey(set.PathOf("portal-client", ".crt"), set.PathOf("portal-client", ".key"));

        Assert.True(fromPem.HasPrivateKey);
        Assert.Equal(set.PortalClient.Thumbprint, fromPem.Thumbprint);
        var signature = fromPem.GetRSAPrivateKey()!.SignData(Data, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        Assert.True(set.PortalClient.GetRSAPublicKey()!.VerifyData(Data, signature, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1));
    }

    // Key generation is slow: start from a copy of the set the fixture made.
    private DevCertificateSet CopyOfTheSharedSet()
    {
        foreach (var file in Directory.GetFiles(certs.Ours.Directory))
            File.Copy(file, Path.Combine(Dir, Path.GetFileName(file)));
        return DevCertificates.Load(Dir);
    }

    private static readonly byte[] Data = [1, 2, 3];

    private static string Eku(X509Certificate2 cert) =>
        cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Single().Value!;
}
