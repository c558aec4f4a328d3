using System.Net;
using GbcPortal.Core.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GbcPortal.Pipeline.Tests;

/// <summary>The Hangfire dashboard is for signed-in Staff only, from localhost too.</summary>
[Collection(SharedPortal.Collection)]
public sealed class DashboardAuthorizationTests(SharedPortal portal)
{
    [Fact]
    public async Task Anonymous_request_from_localhost_is_sent_to_sign_in()
    {
        using var client = portal.UiClient();

        using var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Signed_in_customer_is_refused()
    {
        using var client = await SignedInClientAsync($"customer-{Guid.NewGuid():N}@example.test", PortalRoles.Customer);

        using var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Seeded_staff_account_sees_the_dashboard()
    {
        using var client = await SignedInClientAsync(PortalFactory.StaffEmail, role: null);

        using var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("GbcPortal jobs", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// A client holding the same cookie the sign-in page would issue (the page itself belongs to
    /// the UI's tests): made by the portal's own Identity and cookie protector.
    /// </summary>
    private async Task<HttpClient> SignedInClientAsync(string email, string? role)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, "Customer-Test-2026!")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role!)).Succeeded);
        }
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
        var cookie = portal.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = new AuthenticationTicket(principal, IdentityConstants.ApplicationScheme);

        var client = portal.UiClient();
        client.DefaultRequestHeaders.Add("Cookie", $"{cookie.Cookie.Name}={cookie.TicketDataFormat.Protect(ticket)}");
        return client;
    }
}
