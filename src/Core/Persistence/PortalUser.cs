using Microsoft.AspNetCore.Identity;

namespace GbcPortal.Core.Persistence;

/// <summary>A customer or staff member. Roles are <see cref="PortalRoles"/>.</summary>
public class PortalUser : IdentityUser
{
    [PersonalData]
    public string? DisplayName { get; set; }

    /// <summary>Live links this account may hold; null means <c>Linking:MaxLiveLinksPerAccount</c>. Raised by staff.</summary>
    public int? MaxLiveLinks { get; set; }

    /// <summary>Email this account about its services (first data, whole history, PIN refused, Service ID inactive).</summary>
    public bool EmailAboutServices { get; set; } = true;
}
