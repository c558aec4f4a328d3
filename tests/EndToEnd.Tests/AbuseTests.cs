using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>
/// The portal is not a PIN oracle: a stranger's guesses reach the utility at most three times, a second account
/// linking the held Service ID waits for staff, and staff see, decide, lift, and find it all in the audit log.
/// Counts come from the simulator's per-Service-ID metrics, so other tests' traffic does not blur them.
/// </summary>
[Collection(PortalFixture.Collection)]
public sealed class AbuseTests(PortalFixture portal) : PortalTest(portal)
{
    private const string RealPin = "2468";

    [Fact]
    public async Task Twenty_wrong_PINs_reach_the_utility_at_most_three_times_and_the_owner_waits_for_staff_who_decide_and_lift_the_hold()
    {
        var serviceId = "8" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        using (var created = await Portal.Admin.PostAsJsonAsync("/sim/accounts",
            new { serviceId, pin = RealPin, intervalSeconds = 3600, solar = false, active = true }, TestContext.Current.CancellationToken))
            created.EnsureSuccessStatusCode();

        // The stranger guesses: each answer comes back before the next guess, as a patient attacker would wait.
        await using var stranger = await Portal.NewSessionAsync();
        await stranger.RegisterAsync(BrowserSession.NewEmail("stranger"));
        string? holdMessage = null;
        for (var guess = 1; guess <= 20; guess++)
        {
            var pin = (1000 + guess).ToString(CultureInfo.InvariantCulture);
            if (holdMessage is null)
                await stranger.GotoInteractiveAsync("link");
            await stranger.Page.GetByLabel("Service ID", new() { Exact = true }).FillAsync(serviceId);
            await stranger.Page.GetByLabel("PIN", new() { Exact = true }).FillAsync(pin);
            await stranger.Page.GetByRole(AriaRole.Button, new() { Name = "Link" }).ClickAsync();
            var error = stranger.Page.GetByTestId("link-error");
            await stranger.Page.WaitForFunctionAsync(
                "() => location.pathname.startsWith('/usage/') || document.querySelector('[data-testid=link-error]') !== null");
            if (await error.CountAsync() > 0)
            {
                holdMessage = await error.InnerTextAsync();
                Assert.Contains("until", holdMessage, StringComparison.Ordinal);
                if (guess == 4)
                    await stranger.ScreenshotAsync("link-held");
                continue;
            }

            Assert.Null(holdMessage); // once held, never sent again
            await WaitForCardAsync(stranger, serviceId, "PinNotAccepted");
        }

        Assert.NotNull(holdMessage);
        Assert.StartsWith("Too many attempts with a PIN the utility did not accept.", holdMessage, StringComparison.Ordinal);
        var afterGuesses = await UtilityRequestsAsync(serviceId);
        Assert.InRange(afterGuesses, 1, 3);
        var card = await WaitForCardAsync(stranger, serviceId, "PinNotAccepted");
        await Assertions.Expect(card.GetByTestId("service-notice")).ToContainTextAsync("(Pacific time)");
        await stranger.ScreenshotAsync("services-held");

        // The real customer links the held Service ID: it waits for staff, and nothing goes to the utility.
        var ownerEmail = BrowserSession.NewEmail("owner");
        await using var owner = await Portal.NewSessionAsync();
        await owner.RegisterAsync(ownerEmail);
        await owner.GotoInteractiveAsync("link");
        await owner.Page.GetByLabel("Service ID", new() { Exact = true }).FillAsync(serviceId);
        await owner.Page.GetByLabel("PIN", new() { Exact = true }).FillAsync(RealPin);
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Link" }).ClickAsync();
        await owner.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/services");
        var ownerCard = await WaitForCardAsync(owner, serviceId, "UnderReview");
        await Assertions.Expect(ownerCard.GetByTestId("status-text")).ToContainTextAsync("on hold after several wrong PINs");
        await owner.ScreenshotAsync("services-under-review");
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken); // dispatch runs on every change
        Assert.Equal(afterGuesses, await UtilityRequestsAsync(serviceId));

        // Staff see the hold and the review, keep the owner's link, and lift the hold.
        await using var staff = await Portal.NewSessionAsync();
        await staff.LoginAsync(PortalFixture.StaffEmail, Portal.StaffPassword);
        await staff.GotoInteractiveAsync("staff");
        var holdRow = staff.Page.GetByTestId("holds").Locator("tbody tr", new() { HasText = $"Service ID {serviceId}" });
        await Assertions.Expect(holdRow).ToBeVisibleAsync();
        var reviewRow = staff.Page.GetByTestId("reviews").Locator("tbody tr", new() { HasText = ownerEmail });
        await Assertions.Expect(reviewRow).ToContainTextAsync("Service ID on hold after wrong PINs");
        await staff.ScreenshotAsync("staff-holds-and-reviews");
        await reviewRow.GetByRole(AriaRole.Button, new() { Name = "Keep this one" }).ClickAsync();
        await Assertions.Expect(reviewRow).ToHaveCountAsync(0);
        await holdRow.GetByRole(AriaRole.Button, new() { Name = "Lift" }).ClickAsync();
        await Assertions.Expect(holdRow).ToHaveCountAsync(0);

        // Only now does the owner's first request go out; the stranger's link is refused.
        await WaitForCardAsync(owner, serviceId, "Complete", reload: false, timeoutMs: 60_000);
        Assert.True(await UtilityRequestsAsync(serviceId) > afterGuesses);
        await WaitForCardAsync(stranger, serviceId, "Refused");

        // The audit log holds every step, with who and from where, and no PIN.
        await staff.GotoInteractiveAsync($"staff/audit?serviceId={serviceId}");
        var events = staff.Page.GetByTestId("audit-events");
        foreach (var action in new[] { "Linked", "PinChanged", "HoldPlaced", "LinkRefusedByPortal", "ReviewDecided", "HoldLifted" })
            await Assertions.Expect(events.GetByTestId("audit-action-cell").GetByText(action, new() { Exact = true }).First).ToBeVisibleAsync();
        await Assertions.Expect(events.Locator("tbody tr", new() { HasText = "HoldLifted" })).ToContainTextAsync(PortalFixture.StaffEmail);
        await Assertions.Expect(events.Locator("tbody tr", new() { HasText = "HoldLifted" })).ToContainTextAsync("127.0.0.1");
        await Assertions.Expect(events.Locator("tbody tr", new() { HasText = ownerEmail }).First).ToContainTextAsync("127.0.0.1");
        var logText = await events.InnerTextAsync();
        Assert.DoesNotContain(RealPin, logText, StringComparison.Ordinal);
        Assert.DoesNotContain("1004", logText, StringComparison.Ordinal);
        await staff.ScreenshotAsync("staff-audit");
    }

    private async Task<long> UtilityRequestsAsync(string serviceId)
    {
        var metrics = await Portal.Admin.GetFromJsonAsync<JsonElement>($"/sim/metrics/services/{serviceId}", TestContext.Current.CancellationToken);
        return metrics.GetProperty("requestsReceived").GetInt64();
    }

    private static async Task<ILocator> WaitForCardAsync(BrowserSession session, string serviceId, string status, bool reload = true,
        float timeoutMs = 30_000)
    {
        if (reload || new Uri(session.Page.Url).AbsolutePath != "/services")
            await session.GotoInteractiveAsync("services");
        var card = session.Page.Locator($"[data-testid=service-card][data-service-id='{serviceId}']");
        await Assertions.Expect(card.GetByTestId("status-chip")).ToHaveAttributeAsync("data-status", status, new() { Timeout = timeoutMs });
        return card;
    }
}
