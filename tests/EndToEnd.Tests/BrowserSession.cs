using GbcPortal.Testing;
using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>One user's browser (its own cookies) and page, with the few moves every test makes.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public const string Password = "Customer-E2e-2026!";

    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    /// <summary>A new, unique customer address, so tests never collide in the shared portal.</summary>
    public static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    /// <summary>Opens an interactive (Blazor Server) page and waits until the circuit has rendered it.</summary>
    public Task<IResponse?> GotoInteractiveAsync(string path) => Page.GotoInteractiveAsync(path);

    /// <summary>Creates a customer account through /Account/Register; Development signs it in and opens /link.</summary>
    public async Task RegisterAsync(string email, string password = Password)
    {
        await Page.GotoAsync("Account/Register");
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/link");
    }

    public async Task LoginAsync(string email, string password)
    {
        await Page.GotoAsync("Account/Login");
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Fills the /link form and presses Link; the page must already be open and interactive.</summary>
    public async Task SubmitLinkAsync(string serviceId, string pin, string? screenshot = null)
    {
        await Page.GetByLabel("Service ID", new() { Exact = true }).FillAsync(serviceId);
        await Page.GetByLabel("PIN", new() { Exact = true }).FillAsync(pin);
        if (screenshot is not null)
            await ScreenshotAsync(screenshot);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Link" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/usage/{serviceId}");
    }

    /// <summary>A full-page PNG in the test output's screenshots folder.</summary>
    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(PortalFixture.ScreenshotDirectory, name + ".png"),
            FullPage = true,
        });

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
