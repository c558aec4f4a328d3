using System.Net;
using GbcPortal.Core.Persistence;

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
        using var client = await portal.SignedInClientAsync($"customer-{Guid.NewGuid():N}@example.test", PortalRoles.Customer);

        using var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Seeded_staff_account_sees_the_dashboard()
    {
        using var client = await portal.SignedInClientAsync(PortalFactory.StaffEmail, PortalRoles.Staff);

        using var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("GbcPortal jobs", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
