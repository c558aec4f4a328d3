using System.Security.Cryptography.X509Certificates;

namespace GbcPortal.Core.Gbc.Certificates;

/// <summary>
/// The development CA and the four leaf certificates signed by it, as written by
/// <see cref="DevCertificates.EnsureCreated"/>. Leaf certificates carry their private keys.
/// </summary>
public sealed record DevCertificateSet(
    string Directory,
    X509Certificate2 Ca,
    X509Certificate2 UtilityServer,
    X509Certificate2 UtilityClient,
    X509Certificate2 PortalServer,
    X509Certificate2 PortalClient)
{
    public const string CaName = "ca";
    public const string UtilityServerName = "utility-server";
    public const string UtilityClientName = "utility-client";
    public const string PortalServerName = "portal-server";
    public const string PortalClientName = "portal-client";

    public static IReadOnlyList<string> LeafNames { get; } =
        [UtilityServerName, UtilityClientName, PortalServerName, PortalClientName];

    public string CaCertificatePath => PathOf(CaName, ".crt");

    public string CaKeyPath => PathOf(CaName, ".key");

    /// <summary>The path of <paramref name="name"/> with <paramref name="extension"/> (".pfx", ".crt" or ".key").</summary>
    public string PathOf(string name, string extension) => Path.Combine(Directory, name + extension);
}
