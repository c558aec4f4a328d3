using System.Net;
using System.Net.Security;

namespace GbcPortal.Core.Gbc.Certificates;

/// <summary>The protocol's transport: HTTPS with a client certificate, both ways.</summary>
public static class MutualTls
{
    /// <summary>
    /// The handler of a party that calls the other: its client certificate out, the other's server certificate
    /// checked against its CA or pin. The portal's <see cref="GbcClient"/> and the simulator's callbacks use it.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(PartyCertificates certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [certificates.Client],
                RemoteCertificateValidationCallback = certificates.PeerTrust.ValidateServer,
            },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
        };
    }
}
