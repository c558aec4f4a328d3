using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>The staff page and the Hangfire dashboard refuse anyone but Staff, from localhost too.</summary>
[Collection(PortalFixture.Collection)]
public sealed class StaffAccessTests(PortalFixture portal) : PortalTest(portal)
{
    [Theory]
    [InlineData("staff")]
    [InlineData("hangfire")]
    public async Task Anonymous_visitors_are_refused(string path)
    {
        await using var anonymous = await Portal.NewSessionAsync();
        var response = await anonymous.Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
        var refused = response.Status is 401 or 403
            || response.Status is 302 && response.Headers["location"].Contains("/Account/Login", StringComparison.OrdinalIgnoreCase);
        Assert.True(refused, $"/{path} gave {response.Status} {response.Headers.GetValueOrDefault("location")} to an anonymous visitor");

        // In the browser, following whatever the portal answers, no staff content shows.
        await anonymous.Page.GotoAsync(path);
        Assert.DoesNotContain("Request pipeline", await anonymous.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Recurring jobs", await anonymous.Page.ContentAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("staff")]
    [InlineData("hangfire")]
    public async Task A_customer_is_refused(string path)
    {
        await using var customer = await Portal.NewSessionAsync();
        await customer.RegisterAsync(BrowserSession.NewEmail("not-staff"));
        var response = await customer.Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
        var refused = response.Status is 401 or 403
            || response.Status is 302 && response.Headers["location"].Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase);
        Assert.True(refused, $"/{path} gave {response.Status} {response.Headers.GetValueOrDefault("location")} to a customer");
    }

    [Fact]
    public async Task The_seeded_staff_account_opens_the_staff_page_and_the_jobs_dashboard()
    {
        await using var staff = await Portal.NewSessionAsync();
        await staff.LoginAsync(PortalFixture.StaffEmail, Portal.StaffPassword);

        var page = await staff.GotoInteractiveAsync("staff");
        Assert.Equal(200, page!.Status);
        await Assertions.Expect(staff.Page.GetByRole(AriaRole.Heading, new() { Name = "Request pipeline", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(staff.Page.GetByTestId("dispatch-state")).ToBeVisibleAsync();
        await staff.ScreenshotAsync("staff");

        var dashboard = await staff.Page.GotoAsync("hangfire");
        Assert.Equal(200, dashboard!.Status);
        await Assertions.Expect(staff.Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("GbcPortal jobs"));
        await Assertions.Expect(staff.Page.GetByText("Recurring jobs").First).ToBeVisibleAsync();
        await staff.ScreenshotAsync("hangfire");
    }
}
