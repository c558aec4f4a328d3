using GbcPortal.Portal.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Accounts;

/// <summary>
/// Makes the roles exist and, in Development only, the demo staff account whose credentials are
/// in the README, so a newcomer can open /staff and /hangfire at once. Elsewhere staff are made
/// with the <c>staff add</c> command.
/// </summary>
public sealed class IdentitySeeder(
    IServiceScopeFactory scopes, IOptions<PortalOptions> options, IHostEnvironment environment, ILogger<IdentitySeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SeedAsync();
        }
        catch (Exception e) when (e is DbUpdateException or StaffAccountException)
        {
            // Another instance starting at the same moment created the same role or account first: look again.
            await SeedAsync();
        }
    }

    private async Task SeedAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var staff = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        await staff.EnsureRolesAsync();

        var settings = options.Value;
        if (!settings.SeedStaffAccount || string.IsNullOrEmpty(settings.StaffPassword))
            return;
        if (!environment.IsDevelopment())
        {
            logger.LogWarning("Portal:SeedStaffAccount is ignored outside Development: make staff with 'staff add EMAIL'");
            return;
        }
        var outcome = await staff.AddAsync(settings.StaffEmail, settings.StaffPassword, replacePassword: false);
        logger.LogInformation("Development staff account {Email}: {Outcome}", settings.StaffEmail, outcome);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
