namespace GbcPortal.Core.Gbc.Certificates;

/// <summary>Which side of the protocol a host plays; it picks the certificates of the dev set.</summary>
public enum CertificateParty
{
    /// <summary>The Requestor: presents portal-server and portal-client, trusts the utility.</summary>
    Portal,

    /// <summary>The utility (simulator): presents utility-server and utility-client, trusts the portal.</summary>
    Utility,
}
