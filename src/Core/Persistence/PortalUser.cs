using Microsoft.AspNetCore.Identity;

namespace GbcPortal.Core.Persistence;

/// <summary>A customer or staff member. Roles are <see cref="PortalRoles"/>.</summary>
public class PortalUser : IdentityUser
{
    [PersonalData]
    public string? DisplayName { get; set; }
}
