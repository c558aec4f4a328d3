using GbcPortal.Core.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GbcPortal.Pipeline.Tests.Exports;

/// <summary>
/// The real portal on Kestrel with <see cref="ExportSeed"/>'s services linked to one customer, and a
/// second customer who owns nothing. <c>Portal:PublicBaseUrl</c> is set, so every exported link
/// must start with it.
/// </summary>
public sealed class ExportPortal() : PortalFactory(new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = PublicBaseUrl }), IAsyncLifetime
{
    public const string PublicBaseUrl = "https://portal.example.test";

    public HttpClient Owner { get; private set; } = null!;

    public HttpClient Stranger { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        StartServer();
        var ct = TestContext.Current.CancellationToken;
        var owner = await AddCustomerAsync("owner");
        await ExportSeed.AddAsync(Databases, owner.Id, ct);
        Owner = await SignedInClientAsync(owner);
        Stranger = await SignedInClientAsync(await AddCustomerAsync("stranger"));
    }

    private async Task<PortalUser> AddCustomerAsync(string name)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var email = $"{name}-{Guid.NewGuid():N}@example.test";
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "Customer-Test-2026!")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, PortalRoles.Customer)).Succeeded);
        return user;
    }

    // The cookie the sign-in page would issue, made by the portal's own Identity and cookie protector
    // (signing in through the page is the browser tests' business).
    private async Task<HttpClient> SignedInClientAsync(PortalUser user)
    {
        await using var scope = Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
        var cookie = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var client = UiClient();
        client.Timeout = TimeSpan.FromMinutes(2);
        var ticket = new AuthenticationTicket(principal, IdentityConstants.ApplicationScheme);
        client.DefaultRequestHeaders.Add("Cookie", $"{cookie.Cookie.Name}={cookie.TicketDataFormat.Protect(ticket)}");
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        Owner?.Dispose();
        Stranger?.Dispose();
        await base.DisposeAsync();
    }
}
