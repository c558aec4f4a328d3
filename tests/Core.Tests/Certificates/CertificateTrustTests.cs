using System.Security.Cryptography;
using GbcPortal.Core.Gbc.Certificates;

namespace GbcPortal.Core.Tests.Certificates;

public sealed class CertificateTrustTests(CertificatesFixture certs) : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ForCa_TrustsItsOwnLeavesAndRefusesAnotherCas()
    {
        var ours = certs.Ours;
        var theirs = certs.Foreign;
        var trust = CertificateTrust.ForCa(ours.Ca);

        Assert.True(trust.IsTrusted(ours.PortalClient));
        Assert.True(trust.IsTrusted(ours.UtilityServer));
        Assert.False(trust.IsTrusted(theirs.PortalClient));
        Assert.False(trust.IsTrusted(null));
    }

    [Fact]
    public void ForThumbprint_AcceptsSha1OrSha256AndOnlyThatCertificate()
    {
        var set = certs.Ours;
        var sha256 = set.UtilityServer.GetCertHashString(HashAlgorithmName.SHA256);
        var withColons = string.Join(':', set.UtilityServer.Thumbprint.Chunk(2).Select(c => new string(c))).ToLowerInvariant();

        Assert.True(CertificateTrust.ForThumbprint(sha256).IsTrusted(set.UtilityServer));
        Assert.True(CertificateTrust.ForThumbprint(withColons).IsTrusted(set.UtilityServer));
        Assert.False(CertificateTrust.ForThumbprint(sha256).IsTrusted(set.UtilityClient));
    }

    [Fact]
    public void ForThumbprint_RefusesSomethingThatIsNotAThumbprint() =>
        Assert.Throws<ArgumentException>(() => CertificateTrust.ForThumbprint("not-a-thumbprint"));

    [Fact]
    public void Resolve_PicksThePartysCertificatesFromTheDevSet()
    {
        var options = new CertificatesOptions { Directory = certs.Ours.Directory };

        var portal = CertificateLoader.Resolve(options, CertificateParty.Portal, createDevSet: true);
        var utility = CertificateLoader.Resolve(options, CertificateParty.Utility, createDevSet: false);

        Assert.Contains("portal-client", portal.Client.Subject);
        Assert.Contains("portal-server", portal.Server.Subject);
        Assert.Contains("utility-client", utility.Client.Subject);
        Assert.True(utility.PeerTrust.IsTrusted(portal.Client));
    }

    [Fact]
    public void Resolve_WithoutAnythingConfigured_SaysWhatToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            CertificateLoader.Resolve(new CertificatesOptions(), CertificateParty.Portal, createDevSet: false));
        Assert.Contains("Certificates:Directory", error.Message);
    }
}
