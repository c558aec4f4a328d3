using System.Security.Claims;
using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Accounts;

/// <summary>
/// An open circuit keeps the user it started with; this checks them again every
/// <see cref="PortalOptions.RevalidationInterval"/>: a deleted or locked-out account, a new security
/// stamp (password changed, staff removed) or a changed set of roles ends the circuit's sign-in, so
/// a demoted staff member loses Pause, Retry and Replay without reloading the page.
/// </summary>
public sealed class RevalidatingIdentityStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, IOptions<PortalOptions> portal)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => portal.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (await users.GetUserAsync(state.User) is not { } user || await users.IsLockedOutAsync(user))
            return false;

        var claims = identity.Value.ClaimsIdentity;
        if (state.User.FindFirstValue(claims.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
            return false;
        // A role changed without a new stamp (another tool, a direct database edit) counts as well.
        var roles = await users.GetRolesAsync(user);
        return roles.Order(StringComparer.Ordinal)
            .SequenceEqual(state.User.FindAll(claims.RoleClaimType).Select(c => c.Value).Order(StringComparer.Ordinal));
    }
}
