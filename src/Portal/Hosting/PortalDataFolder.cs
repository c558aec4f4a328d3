namespace GbcPortal.Portal.Hosting;

/// <summary>
/// Where everything the portal writes lives, so one folder is all an operator backs up
/// (and all a test deletes).
/// </summary>
public sealed record PortalDataFolder(string Root)
{
    public string DatabaseFile => Path.Combine(Root, "portal.db");

    public string HangfireFile => Path.Combine(Root, "hangfire.db");

    public string CertificatesDirectory => Path.Combine(Root, "certs");

    public string KeysDirectory => Path.Combine(Root, "keys");

    public static PortalDataFolder Create(string contentRoot, string dataDirectory)
    {
        var root = Path.GetFullPath(Path.Combine(contentRoot, dataDirectory));
        Directory.CreateDirectory(root);
        return new PortalDataFolder(root);
    }
}
