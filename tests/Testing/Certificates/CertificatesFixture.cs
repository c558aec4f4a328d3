using GbcPortal.Core.Gbc.Certificates;

namespace GbcPortal.Testing;

/// <summary>
/// Two dev certificate sets made once for the whole run (RSA key generation is slow): ours,
/// and one from another CA that nobody trusts. A test assembly makes it its assembly fixture
/// (<c>[assembly: AssemblyFixture(typeof(CertificatesFixture))]</c>).
/// </summary>
public sealed class CertificatesFixture : IDisposable
{
    private readonly TempFolder _temp = new("gbc-certs-");

    public CertificatesFixture()
    {
        Ours = DevCertificates.EnsureCreated(_temp.File("ours"));
        Foreign = DevCertificates.EnsureCreated(_temp.File("foreign"));
    }

    public DevCertificateSet Ours { get; }

    public DevCertificateSet Foreign { get; }

    public PartyCertificates Portal => new(Ours.PortalServer, Ours.PortalClient, CertificateTrust.ForCa(Ours.Ca));

    public void Dispose() => _temp.Dispose();
}
