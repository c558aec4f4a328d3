using System.Security.Cryptography.X509Certificates;

namespace GbcPortal.Core.Gbc.Certificates;

/// <summary>What one host needs for mutual TLS: its server and client certificates (with keys) and how to trust the peer.</summary>
public sealed record PartyCertificates(
    X509Certificate2 Server,
    X509Certificate2 Client,
    CertificateTrust PeerTrust);
