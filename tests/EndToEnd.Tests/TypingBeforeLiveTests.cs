using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>
/// What a person types or chooses before the page's scripts have loaded is still there once they
/// have, and is what the form sends. The scripts are held back for two seconds, as on a cold start.
/// </summary>
[Collection(PortalFixture.Collection)]
public sealed class TypingBeforeLiveTests(PortalFixture portal) : PortalTest(portal)
{
    private const int ScriptDelayMs = 2000;

    [Fact]
    public async Task Upload_form_keeps_the_file_chosen_before_the_scripts_load_and_sends_it()
    {
        await using var customer = await Portal.NewSessionAsync();
        var page = customer.Page;
        await customer.RegisterAsync(BrowserSession.NewEmail("early-upload"));
        await HoldScriptsAsync(page);

        await page.GotoAsync("upload", new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByLabel("Green Button file", new() { Exact = true }).SetInputFilesAsync(UploadTests.Sample("pge-smd-hourly-fall-back-day.xml"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal("pge-smd-hourly-fall-back-day.xml", await page.EvaluateAsync<string>("() => document.getElementById('green-button-file').files[0]?.name ?? ''"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-stored")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Account_forms_keep_what_was_typed_before_the_scripts_load()
    {
        await using var customer = await Portal.NewSessionAsync();
        var page = customer.Page;
        await customer.RegisterAsync(BrowserSession.NewEmail("early-account"));
        await HoldScriptsAsync(page);

        await page.GotoAsync("Account/Manage", new() { WaitUntil = WaitUntilState.Commit });
        var current = page.GetByLabel("Current password", new() { Exact = true });
        var confirm = page.GetByLabel("Type your email to confirm", new() { Exact = true });
        await current.FillAsync("typed-early-1");
        await confirm.FillAsync("typed-early@example.test");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal("typed-early-1", await current.InputValueAsync());
        Assert.Equal("typed-early@example.test", await confirm.InputValueAsync());

        await page.GotoAsync("Account/Logout", new() { WaitUntil = WaitUntilState.Commit });
        await page.GotoAsync("Account/ForgotPassword", new() { WaitUntil = WaitUntilState.Commit });
        var email = page.GetByLabel("Email", new() { Exact = true });
        await email.FillAsync("typed-early@example.test");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal("typed-early@example.test", await email.InputValueAsync());
    }

    [Fact]
    public async Task Link_form_keeps_a_Service_ID_typed_before_the_circuit_renders_it()
    {
        const string ServiceId = "1000000007", Pin = "7890"; // a demo account of its own (PortalFixture)
        await using var customer = await Portal.NewSessionAsync();
        var page = customer.Page;
        await customer.RegisterAsync(BrowserSession.NewEmail("early-link"));
        // A static page: no circuit of its own whose render batches could be taken for /link's.
        await page.GotoAsync("Account/Manage");
        await HoldScriptsAsync(page);
        var rendered = page.CircuitRenderedAsync(TestContext.Current.CancellationToken);

        await page.GotoAsync("link", new() { WaitUntil = WaitUntilState.Commit });
        var serviceId = page.GetByLabel("Service ID", new() { Exact = true });
        await serviceId.FillAsync(ServiceId);
        Assert.False(rendered.IsCompleted, "The text was typed before the circuit rendered the page.");
        await rendered.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal(ServiceId, await serviceId.InputValueAsync());
        await page.GetByLabel("PIN", new() { Exact = true }).FillAsync(Pin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Link" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/usage/{ServiceId}");
    }

    // Blazor's script arrives two seconds late: the HTML is there, the page is not live yet.
    private static Task HoldScriptsAsync(IPage page) =>
        page.RouteAsync("**/_framework/blazor.web*.js", async route =>
        {
            await Task.Delay(ScriptDelayMs);
            await route.ContinueAsync();
        });
}
