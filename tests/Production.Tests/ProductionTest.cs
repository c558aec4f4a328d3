using System.Text.RegularExpressions;
using GbcPortal.Production.Tests.Deployment;
using GbcPortal.Testing;
using Microsoft.Playwright;
using MimeKit;

namespace GbcPortal.Production.Tests;

/// <summary>What every Production browser test does: register through the emailed link, sign in, look.</summary>
public abstract partial class ProductionTest(ProductionDeployment deployment)
{
    public const string Password = "Customer-Prod-2026!";

    protected ProductionDeployment Deployment { get; } = deployment;

    protected static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    /// <summary>The one link in a plain-text email; it must start with the public address.</summary>
    protected string LinkIn(MimeMessage message)
    {
        var body = message.TextBody ?? throw new InvalidOperationException($"'{message.Subject}' has no text body.");
        var link = UrlPattern().Matches(body).Select(m => m.Value).Single(u => u.Contains("/Account/", StringComparison.Ordinal));
        Assert.StartsWith(Deployment.PublicAddress.GetLeftPart(UriPartial.Authority) + "/", link, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;", link, StringComparison.Ordinal);
        return link;
    }

    /// <summary>Registers, opens the confirmation link from the email, and signs in over https.</summary>
    protected async Task<IPage> RegisterConfirmAndSignInAsync(string email)
    {
        var page = await Deployment.NewPageAsync();
        await page.GotoAsync("Account/Register");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirmation-sent")).ToBeVisibleAsync();

        // Not confirmed yet: the right password is told to confirm first.
        await SignInAsync(page, email, Password, expectSuccess: false);
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("Confirm your email address first");

        var mail = await Deployment.Mail.WaitForAsync(email, "Confirm your GbcPortal account");
        await page.GotoAsync(LinkIn(mail));
        await Assertions.Expect(page.GetByTestId("confirm-result")).ToHaveTextAsync("Thank you: your email address is confirmed.");

        await SignInAsync(page, email, Password);
        return page;
    }

    protected static async Task SignInAsync(IPage page, string email, string password, bool expectSuccess = true)
    {
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (expectSuccess)
            await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase));
        else
            await Assertions.Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
    }

    protected static Task<IResponse?> GotoInteractiveAsync(IPage page, string path) => page.GotoInteractiveAsync(path);

    protected static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ProductionDeployment.ScreenshotDirectory, name + ".png"),
            FullPage = true,
        });

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex UrlPattern();
}
