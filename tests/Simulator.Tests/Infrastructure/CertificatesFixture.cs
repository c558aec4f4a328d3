using GbcPortal.Core.Utility.Certificates;

[assembly: AssemblyFixture(typeof(GbcPortal.Simulator.Tests.Infrastructure.CertificatesFixture))]

namespace GbcPortal.Simulator.Tests.Infrastructure;

/// <summary>
/// Two dev certificate sets made once for the whole run (RSA key generation is slow): ours,
/// and one from another CA that nobody trusts.
/// </summary>
public sealed class CertificatesFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public CertificatesFixture()
    {
        Ours = DevCertificates.EnsureCreated(_temp.Sub("ours"));
        Foreign = DevCertificates.EnsureCreated(_temp.Sub("foreign"));
    }

    public DevCertificateSet Ours { get; }

    public DevCertificateSet Foreign { get; }

    public PartyCertificates Portal => new(Ours.PortalServer, Ours.PortalClient, CertificateTrust.ForCa(Ours.Ca));

    public void Dispose() => _temp.Dispose();
}
