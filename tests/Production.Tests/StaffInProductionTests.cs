using System.Net;
using GbcPortal.Production.Tests.Deployment;
using Microsoft.Playwright;

namespace GbcPortal.Production.Tests;

/// <summary>
/// Staff in Production come from the portal's own <c>staff add</c> command, never from a seeded
/// password; removing one ends their open staff page within the revalidation interval.
/// </summary>
[Collection(ProductionDeployment.Collection)]
public sealed class StaffInProductionTests(ProductionDeployment deployment) : ProductionTest(deployment)
{
    private const string StaffPassword = "Staff-Prod-2026!x";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_add_makes_a_confirmed_staff_member_who_opens_staff_and_hangfire_and_loses_them_when_removed()
    {
        var email = NewEmail("staff");
        var (code, output, error) = await PortalProcess.RunAsync(Deployment.Settings, ["staff", "add", email], StaffPassword);
        Assert.True(code == 0, $"staff add exited {code}: {output} {error}");
        Assert.Equal($"{email}: created with the Staff role", output.Trim());

        var page = await Deployment.NewPageAsync();
        await SignInAsync(page, email, StaffPassword);
        await GotoInteractiveAsync(page, "staff");
        var pause = page.GetByTestId("pause-dispatch");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Request pipeline" })).ToBeVisibleAsync();
        await Assertions.Expect(pause).ToBeVisibleAsync();
        // The key ring's certificate expires in 20 days: staff are told.
        await Assertions.Expect(page.GetByTestId("certificate-warning")).ToContainTextAsync("DataProtection:Certificate");
        // The seven-day charts draw under the CSP, and the search finds the new account (no service yet).
        await Assertions.Expect(page.GetByTestId("sends-chart")).ToHaveAttributeAsync("data-drawn", "true");
        await Assertions.Expect(page.GetByTestId("backlog-chart")).ToHaveAttributeAsync("data-drawn", "true");
        await ScreenshotAsync(page, "production-staff");
        await GotoInteractiveAsync(page, $"staff/services?q={Uri.EscapeDataString(email)}");
        await Assertions.Expect(page.GetByTestId("search-count")).ToHaveAttributeAsync("data-total", "1");
        await Assertions.Expect(page.GetByTestId("search-results")).ToContainTextAsync("No service linked");

        // The command left its mark in the audit log, under the account it changed.
        await GotoInteractiveAsync(page, $"staff/audit?account={Uri.EscapeDataString(email)}&action=StaffAdded");
        await Assertions.Expect(page.GetByTestId("audit-action-cell").First).ToHaveTextAsync("StaffAdded");
        await GotoInteractiveAsync(page, "staff");

        // The jobs dashboard in its own tab: it renders under the Content-Security-Policy without a violation.
        var jobs = await page.Context.NewPageAsync();
        var violations = new List<string>();
        jobs.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add(message.Text);
        };
        var dashboard = await jobs.GotoAsync("hangfire/recurring");
        Assert.Equal(200, dashboard!.Status);
        await Assertions.Expect(jobs.GetByText("GbcPortal jobs").First).ToBeVisibleAsync();
        await jobs.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await ScreenshotAsync(jobs, "production-hangfire");
        Assert.Empty(violations);
        await jobs.CloseAsync();

        // Demoted while the page is open: the circuit drops the role without a reload.
        (code, output, error) = await PortalProcess.RunAsync(Deployment.Settings, ["staff", "remove", email]);
        Assert.True(code == 0, $"staff remove exited {code}: {output} {error}");
        Assert.Equal($"{email}: no longer staff", output.Trim());
        await Assertions.Expect(pause).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await ScreenshotAsync(page, "production-staff-removed");

        var refused = await page.Context.APIRequest.GetAsync("hangfire", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, refused.Status);
    }

    [Fact]
    public async Task The_demo_staff_credentials_are_refused()
    {
        var page = await Deployment.NewPageAsync();
        await SignInAsync(page, "staff@gbcportal.local", "Staff-Demo-2026!", expectSuccess: false);
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("The email or password is not right");
    }

    [Fact]
    public async Task Staff_command_without_an_address_prints_its_usage_and_exits_2()
    {
        var (code, _, error) = await PortalProcess.RunAsync(Deployment.Settings, ["staff", "add"]);
        Assert.Equal(2, code);
        Assert.StartsWith("usage: staff add EMAIL", error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callback_port_answers_the_callback_route_only()
    {
        using var utility = Deployment.CallbackClient(Deployment.Certificates.UtilityClientPfx);
        foreach (var path in new[] { "/", "/staff", "/Account/Login", "/hangfire", "/_framework/blazor.web.js" })
            Assert.Equal(HttpStatusCode.NotFound, (await utility.GetAsync(path, Ct)).StatusCode);

        // Anyone else does not get through the handshake (TLS 1.3 drops the connection).
        using var stranger = Deployment.CallbackClient(null);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => stranger.GetAsync("/", Ct));
        using var portalsOwn = Deployment.CallbackClient(Deployment.Certificates.PortalClientPfx);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => portalsOwn.PostAsync("/gbc/callback", new StringContent("<feed/>"), Ct));
    }

    [Fact]
    public async Task Account_forms_answer_429_past_the_limit_per_client_address()
    {
        using var client = Deployment.PublicClient(IPAddress.Parse("127.0.0.3"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 42; i++)
        {
            using var form = new FormUrlEncodedContent([new("Input.Email", "x@example.test"), new("Input.Password", "nope")]);
            statuses.Add((await client.PostAsync("Account/Login", form, Ct)).StatusCode);
        }
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(40));
        var limited = await client.PostAsync("Account/ForgotPassword", new FormUrlEncodedContent([new("Input.Email", "x@example.test")]), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Another address is not held back by that one.
        using var other = Deployment.PublicClient(IPAddress.Parse("127.0.0.4"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await other.PostAsync("Account/Login", new FormUrlEncodedContent([]), Ct)).StatusCode);
    }
}
