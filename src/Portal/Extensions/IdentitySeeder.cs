using GbcPortal.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Extensions;

/// <summary>
/// Makes the roles exist and, where configured (Development), a staff account whose
/// credentials are in the README, so a newcomer can open /staff and /hangfire at once.
/// </summary>
public sealed class IdentitySeeder(IServiceScopeFactory scopes, IOptions<PortalOptions> options, ILogger<IdentitySeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in new[] { PortalRoles.Customer, PortalRoles.Staff })
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
        }

        var settings = options.Value;
        if (!settings.SeedStaffAccount || string.IsNullOrEmpty(settings.StaffPassword))
            return;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var staff = await users.FindByEmailAsync(settings.StaffEmail);
        if (staff is null)
        {
            staff = new PortalUser { UserName = settings.StaffEmail, Email = settings.StaffEmail, EmailConfirmed = true };
            Check(await users.CreateAsync(staff, settings.StaffPassword), "staff account");
            logger.LogInformation("Seeded the staff account {Email}", settings.StaffEmail);
        }
        if (!await users.IsInRoleAsync(staff, PortalRoles.Staff))
            Check(await users.AddToRoleAsync(staff, PortalRoles.Staff), "staff role");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not seed the {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
