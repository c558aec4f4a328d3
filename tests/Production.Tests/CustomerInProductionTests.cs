using GbcPortal.Production.Tests.Deployment;
using Microsoft.Playwright;

namespace GbcPortal.Production.Tests;

/// <summary>A customer of the Production deployment, from the confirmation email to the chart, and back in after a forgotten password.</summary>
[Collection(ProductionDeployment.Collection)]
public sealed class CustomerInProductionTests(ProductionDeployment deployment) : ProductionTest(deployment)
{
    [Fact]
    public async Task Register_confirm_by_email_sign_in_over_https_link_and_see_the_chart()
    {
        var email = NewEmail("customer");
        var page = await RegisterConfirmAndSignInAsync(email);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add(message.Text);
        };

        // The auth cookie only ever travels over TLS, out of reach of scripts.
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "GbcPortal.Auth");
        Assert.True(cookie.Secure, "the auth cookie is Secure");
        Assert.True(cookie.HttpOnly, "the auth cookie is HttpOnly");
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);

        var response = await GotoInteractiveAsync(page, "link");
        Assert.NotNull(response);
        Assert.StartsWith("https://", page.Url, StringComparison.Ordinal);
        var headers = await response.AllHeadersAsync();
        Assert.StartsWith("max-age=", headers["strict-transport-security"], StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("strict-origin-when-cross-origin", headers["referrer-policy"]);

        await page.GetByLabel("Service ID", new() { Exact = true }).FillAsync("1000000002");
        await page.GetByLabel("PIN", new() { Exact = true }).FillAsync("2345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Link" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/usage/1000000002");

        await page.GotoAsync("services");
        var chip = page.Locator("[data-testid=service-card][data-service-id='1000000002'] [data-testid=status-chip]");
        await Assertions.Expect(chip).ToHaveAttributeAsync("data-status", "Complete", new() { Timeout = 120_000 });
        await ScreenshotAsync(page, "production-services-complete");

        // The service email leaves through the same SMTP server as the account emails, its link on Portal:PublicBaseUrl.
        var firstData = await Deployment.Mail.WaitForAsync(email, "Your usage for Service ID 1000000002 has started to arrive",
            TimeSpan.FromSeconds(90));
        var usageLink = System.Text.RegularExpressions.Regex.Matches(firstData.TextBody ?? "", @"https://\S+")
            .Select(m => m.Value).Single(u => u.Contains("/usage/1000000002", StringComparison.Ordinal));
        Assert.StartsWith(Deployment.PublicAddress.GetLeftPart(UriPartial.Authority) + "/", usageLink, StringComparison.Ordinal);
        Assert.DoesNotContain("2345", firstData.TextBody ?? "", StringComparison.Ordinal);

        await page.GotoAsync(usageLink);
        var chart = page.GetByTestId("usage-chart");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-drawn", "true", new() { Timeout = 30_000 });
        var delivered = double.Parse((await page.GetByTestId("total-delivered").GetAttributeAsync("data-kwh"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(delivered > 0, $"the chart's period has usage: {delivered} kWh");
        await ScreenshotAsync(page, "production-usage");
        Assert.Empty(violations);
        Assert.DoesNotContain("Unhandled exception", Deployment.Portal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forgotten_password_is_reset_through_the_emailed_link()
    {
        var email = NewEmail("forgetful");
        var page = await RegisterConfirmAndSignInAsync(email);
        await page.Context.ClearCookiesAsync();

        await page.GotoAsync("Account/Login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        // The sign-in page has an Email field too: type only once the new page is there.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Account/ForgotPassword");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forgot your password?" })).ToBeVisibleAsync();
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reset link" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("reset-sent")).ToBeVisibleAsync();

        // An address without an account gets the very same answer, and no email.
        var stranger = NewEmail("nobody");
        await page.GotoAsync("Account/ForgotPassword");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(stranger);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reset link" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("reset-sent")).ToBeVisibleAsync();

        var mail = await Deployment.Mail.WaitForAsync(email, "Reset your GbcPortal password");
        await page.GotoAsync(LinkIn(mail));
        const string newPassword = "Renewed-Prod-2026!";
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(newPassword);
        await ScreenshotAsync(page, "production-reset-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("reset-done")).ToBeVisibleAsync();

        await SignInAsync(page, email, Password, expectSuccess: false);
        await SignInAsync(page, email, newPassword);
        Assert.DoesNotContain(Deployment.Mail.Messages, m => m.To.Mailboxes.Any(a => a.Address == stranger));
    }

    [Fact]
    public async Task Registering_a_taken_address_answers_as_for_a_new_one_and_tells_the_owner_by_email()
    {
        var email = NewEmail("taken");
        await RegisterConfirmAndSignInAsync(email);

        var page = await Deployment.NewPageAsync();
        await page.GotoAsync("Account/Register");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Another-Prod-2026!");
        await page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync("Another-Prod-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("confirmation-sent")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("register-errors")).ToHaveCountAsync(0);
        var notice = await Deployment.Mail.WaitForAsync(email, "Your GbcPortal account");
        Assert.Contains("already has one", notice.TextBody, StringComparison.Ordinal);

        // A wrong password for an existing address reads exactly like an unknown address.
        await SignInAsync(page, email, "Wrong-Prod-2026!", expectSuccess: false);
        var existing = await page.GetByTestId("login-error").InnerTextAsync();
        await SignInAsync(page, NewEmail("unknown"), "Wrong-Prod-2026!", expectSuccess: false);
        Assert.Equal(existing, await page.GetByTestId("login-error").InnerTextAsync());
    }
}
