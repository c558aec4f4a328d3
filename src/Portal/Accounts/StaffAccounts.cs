using GbcPortal.Core.Audit;
using GbcPortal.Core.Persistence;
using Microsoft.AspNetCore.Identity;

namespace GbcPortal.Portal.Accounts;

/// <summary>Makes and unmakes staff: the <c>staff</c> command and the Development seeder share it.</summary>
public sealed class StaffAccounts(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, AuditLog audit)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in new[] { PortalRoles.Customer, PortalRoles.Staff })
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)));
        }
    }

    /// <summary>
    /// A confirmed account holding the Staff role. An existing account keeps its data and gets the
    /// role (and the password, when one is given and <paramref name="replacePassword"/>); a new one needs the password.
    /// </summary>
    public async Task<string> AddAsync(string email, string? password, bool replacePassword = true)
    {
        await EnsureRolesAsync();
        var user = await users.FindByEmailAsync(email);
        string outcome;
        if (user is null)
        {
            if (string.IsNullOrEmpty(password))
                throw new StaffAccountException("a new account needs a password (give it on standard input)");
            user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true };
            Check(await users.CreateAsync(user, password));
            outcome = "created with the Staff role";
        }
        else
        {
            if (replacePassword && !string.IsNullOrEmpty(password))
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                Check(await users.ResetPasswordAsync(user, token, password));
            }
            if (!user.EmailConfirmed)
            {
                user.EmailConfirmed = true;
                Check(await users.UpdateAsync(user));
            }
            outcome = await users.IsInRoleAsync(user, PortalRoles.Staff) ? "already staff" : "given the Staff role";
        }
        if (!await users.IsInRoleAsync(user, PortalRoles.Staff))
        {
            Check(await users.AddToRoleAsync(user, PortalRoles.Staff));
            await audit.RecordAsync(AuditAction.StaffAdded, actorUserId: null, user.Id, null, ip: null, "staff command");
        }
        return outcome;
    }

    /// <summary>Takes the Staff role away; a new security stamp ends the staff sessions open anywhere.</summary>
    public async Task<string> RemoveAsync(string email)
    {
        var user = await users.FindByEmailAsync(email) ?? throw new StaffAccountException("no account has this address");
        if (!await users.IsInRoleAsync(user, PortalRoles.Staff))
            return "was not staff";
        Check(await users.RemoveFromRoleAsync(user, PortalRoles.Staff));
        Check(await users.UpdateSecurityStampAsync(user));
        await audit.RecordAsync(AuditAction.StaffRemoved, actorUserId: null, user.Id, null, ip: null, "staff command");
        return "no longer staff";
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new StaffAccountException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}

/// <summary>A staff change that cannot be made, said in one line.</summary>
public sealed class StaffAccountException(string message) : Exception(message);
