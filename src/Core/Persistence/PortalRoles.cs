namespace GbcPortal.Core.Persistence;

/// <summary>The Identity role names the portal uses.</summary>
public static class PortalRoles
{
    public const string Customer = "Customer";
    public const string Staff = "Staff";
}
