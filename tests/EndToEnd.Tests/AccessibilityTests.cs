using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>axe-core on the main pages: no serious or critical violation (labels, contrast, names, landmarks).</summary>
[Collection(PortalFixture.Collection)]
public sealed class AccessibilityTests(PortalFixture portal) : PortalTest(portal)
{
    private const string ServiceId = "1000000005", Pin = "5678"; // the hourly solar demo account

    [Fact]
    public async Task The_account_pages_have_no_serious_or_critical_violations()
    {
        await using var visitor = await Portal.NewSessionAsync();
        var problems = new StringBuilder();
        await visitor.Page.GotoAsync("Account/Login");
        await visitor.ScreenshotAsync("login");
        await CheckAsync(visitor, "login", problems);
        await visitor.Page.GotoAsync("Account/Register");
        await visitor.ScreenshotAsync("register");
        await CheckAsync(visitor, "register", problems);
        Assert.True(problems.Length == 0, problems.ToString());
    }

    [Fact]
    public async Task The_customer_and_staff_pages_have_no_serious_or_critical_violations()
    {
        var problems = new StringBuilder();
        await using (var customer = await Portal.NewSessionAsync())
        {
            await customer.RegisterAsync(BrowserSession.NewEmail("a11y"));
            await customer.GotoInteractiveAsync("services");
            await CheckAsync(customer, "services (empty)", problems);
            await customer.GotoInteractiveAsync("link");
            await CheckAsync(customer, "link", problems);
            await customer.SubmitLinkAsync(ServiceId, Pin);
            // Checked once the link is Complete: the page then shows what it shows for good, every run the same.
            await Assertions.Expect(customer.Page.GetByTestId("status-chip"))
                .ToHaveAttributeAsync("data-status", "Complete", new() { Timeout = 90_000 });
            await Assertions.Expect(customer.Page.GetByTestId("usage-chart")).ToHaveAttributeAsync("data-drawn", "true");
            await customer.ScreenshotAsync("usage-hourly-solar");
            await CheckAsync(customer, "usage", problems);
            await customer.GotoInteractiveAsync("services");
            await Assertions.Expect(customer.Page.GetByTestId("service-card")).ToHaveCountAsync(1);
            await CheckAsync(customer, "services", problems);
        }
        await using (var staff = await Portal.NewSessionAsync())
        {
            await staff.LoginAsync(PortalFixture.StaffEmail, Portal.StaffPassword);
            await staff.GotoInteractiveAsync("staff");
            await Assertions.Expect(staff.Page.GetByTestId("dispatch-state")).ToBeVisibleAsync();
            await Assertions.Expect(staff.Page.GetByTestId("sends-chart")).ToHaveAttributeAsync("data-drawn", "true");
            await CheckAsync(staff, "staff", problems);
            await staff.GotoInteractiveAsync($"staff/services?q={ServiceId}");
            await CheckAsync(staff, "staff/services", problems);
            await staff.Page.GetByTestId("search-results").GetByRole(AriaRole.Link, new() { Name = ServiceId }).First.ClickAsync();
            await Assertions.Expect(staff.Page.GetByTestId("service-requests")).ToBeVisibleAsync();
            await CheckAsync(staff, "staff/services/{id}", problems);
        }
        Assert.True(problems.Length == 0, problems.ToString());
    }

    /// <summary>Runs axe on the page as it is and writes every serious or critical violation into <paramref name="problems"/>.</summary>
    private static async Task CheckAsync(BrowserSession session, string name, StringBuilder problems)
    {
        var result = await session.Page.RunAxe();
        var output = TestContext.Current.TestOutputHelper;
        foreach (var violation in result.Violations)
        {
            var line = $"{name}: [{violation.Impact}] {violation.Id}: {violation.Help} ({violation.Nodes.Length} node(s))";
            output?.WriteLine(line);
            if (violation.Impact is not ("serious" or "critical"))
                continue;
            problems.AppendLine(line);
            foreach (var node in violation.Nodes.Take(5))
                problems.AppendLine($"    {node.Target} {Trim(node.Html)} :: {Trim(string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message)))}");
        }
    }

    private static string Trim(string? text) => text is null ? "" : text.Length <= 200 ? text : text[..200] + "…";
}
