using GbcPortal.Core.Gbc.Certificates;
using GbcPortal.Portal.Callbacks;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Hosting;

/// <summary>
/// The one place the portal's certificates are resolved, once: the GBC client's (<see cref="PartyCertificates"/>) and
/// the callback endpoint's (<see cref="CallbackCertificates"/>), each watched for expiry. In Development and in demo
/// mode, a <c>Certificates</c> section that names nothing means the dev set in the data folder, made on first start.
/// </summary>
public sealed class PortalCertificates
{
    public PortalCertificates(CertificatesOptions options, string? pinnedThumbprint, bool createDevSet, CertificateWatch watch)
    {
        Portal = CertificateLoader.Resolve(options, CertificateParty.Portal, createDevSet);
        Callback = CallbackCertificates.From(Portal, options, pinnedThumbprint);
        watch.Add("Certificates:ServerCertificate", Portal.Server);
        watch.Add("Certificates:ClientCertificate", Portal.Client);
        watch.Add("Certificates:PeerCa", Portal.PeerTrust.Ca);
    }

    public PartyCertificates Portal { get; }

    public CallbackCertificates Callback { get; }
}
