using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>
/// The refresh capacity panel on /staff in a real browser, with a few thousand active services: the staleness bars
/// are drawn by Chart.js, and the rate staff set changes the figures. The screenshot is staff-capacity.png.
/// </summary>
public sealed class CapacityPanelTests(PortalFixture portal) : PortalTest(portal)
{
    private const int Services = 4_000;

    [Fact]
    public async Task Staff_see_the_capacity_with_thousands_of_services_and_set_the_rate_in_force()
    {
        var factory = Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var owner = await SeedAsync(factory);
        try
        {
            await using var staff = await Portal.NewSessionAsync();
            await staff.LoginAsync(PortalFixture.StaffEmail, Portal.StaffPassword);
            await staff.GotoInteractiveAsync("staff");
            var panel = staff.Page.GetByTestId("capacity-panel");
            await Assertions.Expect(panel.GetByTestId("staleness-chart")).ToHaveAttributeAsync("data-drawn", "true");

            // The portal under test sends 60 a minute; staff set the utility's 1 a minute. The fixture's off-peak window
            // is its own (almost the whole day), so the expected capacity comes from its settings.
            var settings = Portal.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DispatchOptions>>().Value;
            var offPeak = Portal.Services.GetRequiredService<OffPeakWindow>();
            var atOne = RefreshCapacity.Nominal(settings, offPeak, 1).NightlyRefreshes;
            var configured = RefreshCapacity.Nominal(settings, offPeak, settings.RequestsPerWindow).NightlyRefreshes;
            await staff.Page.Locator("#rate-in-force").FillAsync("1");
            await staff.Page.Locator("#rate-in-force").BlurAsync();
            await Assertions.Expect(panel.GetByTestId("rate-preview")).ToContainTextAsync($"At 1 a minute: {atOne.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US"))} refreshes a night");
            await panel.GetByTestId("set-rate").ClickAsync();
            await Assertions.Expect(panel.GetByTestId("capacity-services")).ToHaveAttributeAsync("data-nightly", Invariant(atOne));

            var active = int.Parse(await panel.GetByTestId("capacity-services").GetAttributeAsync("data-active") ?? "0",
                System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(active, Services, Services + 50); // other tests' links may be active too
            Assert.Equal(RefreshCapacity.CycleDays(active, atOne)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                await panel.GetByTestId("capacity-cycle").GetAttributeAsync("data-cycle-days"));
            await Assertions.Expect(panel.GetByTestId("staleness-text")).ToContainTextAsync("12 days: 250");
            // The page's own budget figure follows the rate staff set.
            await Assertions.Expect(staff.Page.GetByTestId("budget")).ToHaveAttributeAsync("data-limit", "1");
            await staff.Page.EvaluateAsync("window.scrollTo(0, 0)"); // the app bar stays at the top of the full-page image
            await staff.ScreenshotAsync("staff-capacity");
            await panel.ScreenshotAsync(new() { Path = Path.Combine(PortalFixture.ScreenshotDirectory, "staff-capacity-panel.png") });

            await panel.GetByTestId("reset-rate").ClickAsync();
            await Assertions.Expect(panel.GetByTestId("capacity-services")).ToHaveAttributeAsync("data-nightly", Invariant(configured));
        }
        finally
        {
            // The collection's other tests run at the fixture's rate and see none of these services.
            // Cleaned up even when the test was cancelled.
            await Portal.Services.GetRequiredService<DispatchRate>().SetAsync(null, "capacity-test", null, CancellationToken.None);
            await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
            await db.ServiceLinks.Where(l => l.OwnerId == owner).ExecuteDeleteAsync(CancellationToken.None);
        }
    }

    private static string Invariant(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // 4,000 services of one account: readings 0 to 7 days old as a 7-day cycle leaves them, and 250 left 12 days behind.
    private static async Task<string> SeedAsync(IDbContextFactory<PortalDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var email = BrowserSession.NewEmail("capacity");
        var user = new PortalUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true };
        db.Users.Add(user);
        var now = DateTimeOffset.UtcNow;
        db.ServiceLinks.AddRange(Enumerable.Range(0, Services).Select(i => new ServiceLink
        {
            OwnerId = user.Id,
            ServiceId = (7_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Status = LinkStatus.Active,
            LastCompleteReadingAt = now.AddHours(-2).AddDays(-(i < 250 ? 12 : i % 8)),
            CreatedAt = now,
            StatusChangedAt = now,
        }));
        await db.SaveChangesAsync();
        return user.Id;
    }
}
