using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>A PIN the utility does not accept ends as a plain message on the customer's card, never an error page.</summary>
[Collection(PortalFixture.Collection)]
public sealed class WrongPinTests(PortalFixture portal) : PortalTest(portal)
{
    private const string ServiceId = "1000000004", WrongPin = "9137"; // the demo PIN is 4567

    [Fact]
    public async Task A_wrong_PIN_shows_the_PIN_not_accepted_message_without_a_stack_trace()
    {
        await using var customer = await Portal.NewSessionAsync();
        var page = customer.Page;
        await customer.RegisterAsync(BrowserSession.NewEmail("wrong-pin"));
        await customer.GotoInteractiveAsync("link");
        await customer.SubmitLinkAsync(ServiceId, WrongPin);

        await customer.GotoInteractiveAsync("services");
        var card = page.Locator($"[data-testid=service-card][data-service-id='{ServiceId}']");
        await Assertions.Expect(card.Locator("[data-testid=status-chip]"))
            .ToHaveAttributeAsync("data-status", "PinNotAccepted", new() { Timeout = 60_000 });
        await Assertions.Expect(card.Locator("[data-testid=status-chip]")).ToHaveTextAsync("PIN not accepted");
        await Assertions.Expect(card.Locator("[data-testid=status-text]")).ToContainTextAsync("did not accept the PIN");
        await Assertions.Expect(card.GetByTestId("update-pin")).ToBeVisibleAsync();
        await customer.ScreenshotAsync("services-pin-not-accepted");

        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPin, await page.ContentAsync(), StringComparison.Ordinal); // the PIN is never shown back
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), "Blazor's error bar is hidden");
    }
}
