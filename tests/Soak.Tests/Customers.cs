using GbcPortal.Testing;
using Microsoft.Playwright;

namespace GbcPortal.Soak.Tests;

/// <summary>Customers in a headless Chromium: each registers on one portal instance and links its services there, through the UI.</summary>
public sealed class Customers : IAsyncDisposable
{
    public const string Password = "Customer-Soak-2026!";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private Customers(IPlaywright playwright, IBrowser browser) => (this.playwright, this.browser) = (playwright, browser);

    public static async Task<Customers> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright);
        return new Customers(playwright, browser);
    }

    /// <summary>Registers <paramref name="email"/> at <paramref name="portal"/> and links each (Service ID, PIN) on its /link page.</summary>
    public async Task RegisterAndLinkAsync(Uri portal, string email, IEnumerable<(string ServiceId, string Pin)> services)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.ToString(), Locale = "en-US" });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Register");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/link");
        foreach (var (serviceId, pin) in services)
        {
            await page.GotoInteractiveAsync("link");
            await page.GetByLabel("Service ID", new() { Exact = true }).FillAsync(serviceId);
            await page.GetByLabel("PIN", new() { Exact = true }).FillAsync(pin);
            await page.GetByRole(AriaRole.Button, new() { Name = "Link" }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/usage/{serviceId}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
