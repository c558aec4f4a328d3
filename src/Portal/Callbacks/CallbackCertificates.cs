using System.Security.Cryptography.X509Certificates;
using GbcPortal.Core.Gbc.Certificates;

namespace GbcPortal.Portal.Callbacks;

/// <summary>
/// What the callback endpoint presents and whom it lets in. The trust is narrower than the
/// client's trust of the utility's server: one CA may issue many certificates (the dev CA
/// issues the portal's own), so a dev set is pinned to its utility-client certificate.
/// </summary>
public sealed record CallbackCertificates(X509Certificate2 Server, CertificateTrust UtilityClientTrust)
{
    public bool IsUtilityClient(X509Certificate2 certificate) => UtilityClientTrust.IsTrusted(certificate);

    public static CallbackCertificates From(PartyCertificates portal, CertificatesOptions options, string? pinnedThumbprint)
    {
        if (!string.IsNullOrWhiteSpace(pinnedThumbprint))
            return new(portal.Server, CertificateTrust.ForThumbprint(pinnedThumbprint));
        var usesDevSet = string.IsNullOrWhiteSpace(options.PeerCa) && string.IsNullOrWhiteSpace(options.PeerThumbprint)
            && !string.IsNullOrWhiteSpace(options.Directory);
        if (usesDevSet)
        {
            var dev = DevCertificates.Load(Path.GetFullPath(options.Directory!));
            return new(portal.Server, CertificateTrust.ForThumbprint(dev.UtilityClient.Thumbprint));
        }
        return new(portal.Server, portal.PeerTrust);
    }
}
