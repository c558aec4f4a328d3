using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Usage;
using GbcPortal.Portal.Jobs;
using GbcPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>
/// Service emails at a real SMTP server started by the test, and the flows their links lead to: the update-PIN form of
/// that link, signed in; and a meter swap from the Inactive card to one history across both Service IDs.
/// </summary>
public sealed partial class ServiceEmailTests(PortalFixture portal) : PortalTest(portal)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task FirstDataHistoryAndRevokedAccess_AreEmailed_AndTheUpdatePinLinkOpensThatLinksForm()
    {
        const string serviceId = "2000000011";
        await AddSimAccountAsync(new { serviceId, pin = "1357", intervalSeconds = 3600 });
        await using var customer = await Portal.NewSessionAsync();
        var email = BrowserSession.NewEmail("emails");
        await customer.RegisterAsync(email);
        await customer.GotoInteractiveAsync("link");
        await customer.SubmitLinkAsync(serviceId, "1357");

        var first = await Portal.Mail.WaitForAsync(email, $"Your usage for Service ID {serviceId} has started to arrive", MailWait);
        await Portal.Mail.WaitForAsync(email, $"The whole usage history of Service ID {serviceId} has arrived", MailWait);
        await customer.Page.GotoAsync(LinkIn(first, "/usage/"));
        await Assertions.Expect(customer.Page.GetByRole(AriaRole.Heading, new() { Name = $"Usage · Service ID {serviceId}" })).ToBeVisibleAsync();

        // The customer changes the PIN at the utility; the next request (the daily refresh, run now) is refused.
        (await Portal.Admin.PutAsJsonAsync($"/sim/accounts/{serviceId}/pin", new { pin = "9753" }, Ct)).EnsureSuccessStatusCode();
        await RunDailyRefreshAsync(serviceId);
        var revoked = await Portal.Mail.WaitForAsync(email, $"Service ID {serviceId}: access was revoked", MailWait);

        var text = MailCatcher.Text(revoked);
        Assert.Contains(StatusSentences.For(ReasonCode.AccessRevoked), text, StringComparison.Ordinal);
        Assert.DoesNotContain("1357", text, StringComparison.Ordinal);
        Assert.DoesNotContain("9753", text, StringComparison.Ordinal);
        Assert.Contains("/Account/Manage", text, StringComparison.Ordinal);
        var updatePin = LinkIn(revoked, "updatePin=");
        Assert.StartsWith(Portal.UiAddress.ToString(), updatePin, StringComparison.Ordinal);

        await customer.GotoInteractiveAsync(updatePin);
        var dialog = customer.Page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"New PIN for Service ID {serviceId}");
        await customer.ScreenshotAsync("email-update-pin");
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "PIN" }).FillAsync("9753");
        await dialog.GetByTestId("save-pin").ClickAsync();
        await Assertions.Expect(Card(customer, serviceId).GetByTestId("status-chip"))
            .ToHaveAttributeAsync("data-status", "Complete", new() { Timeout = 60_000 });
        Assert.Single(Portal.Mail.Messages, m => To(m, email) && (m.Subject ?? "").Contains("access was revoked", StringComparison.Ordinal));

        // Opened in a browser that is not signed in: sign in first, then the same form.
        await using var elsewhere = await Portal.NewSessionAsync();
        await elsewhere.Page.GotoAsync(updatePin);
        await elsewhere.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await elsewhere.Page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await elsewhere.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserSession.Password);
        await elsewhere.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(elsewhere.Page.GetByRole(AriaRole.Dialog)).ToContainTextAsync($"New PIN for Service ID {serviceId}");
    }

    [Fact]
    public async Task SwitchedOffOnTheAccountPage_NoServiceEmailIsSent()
    {
        const string serviceId = "2000000031";
        await AddSimAccountAsync(new { serviceId, pin = "3131", intervalSeconds = 3600 });
        await using var customer = await Portal.NewSessionAsync();
        var email = BrowserSession.NewEmail("no-emails");
        await customer.RegisterAsync(email);
        await customer.Page.GotoAsync("Account/Manage");
        var box = customer.Page.GetByLabel("Email me about my services");
        await Assertions.Expect(box).ToBeCheckedAsync();
        await box.UncheckAsync();
        await customer.Page.GetByTestId("save-service-emails").ClickAsync();
        await Assertions.Expect(customer.Page.GetByTestId("service-emails-saved")).ToHaveTextAsync("Service emails are off.");
        await Assertions.Expect(customer.Page.GetByLabel("Email me about my services")).Not.ToBeCheckedAsync();
        await customer.ScreenshotAsync("account-service-emails-off");

        await customer.GotoInteractiveAsync("link");
        await customer.SubmitLinkAsync(serviceId, "3131");
        await customer.GotoInteractiveAsync("services");
        await Assertions.Expect(Card(customer, serviceId).GetByTestId("status-chip"))
            .ToHaveAttributeAsync("data-status", "Complete", new() { Timeout = 60_000 });

        // The outbox decided: both events recorded, neither sent, and why.
        var notices = await NoticesAsync(serviceId, n => n.State != NoticeState.Pending, 2);
        Assert.All(notices, n => Assert.Equal((NoticeState.Skipped, NoticeReason.EmailsOff), (n.State, n.Reason)));
        Assert.DoesNotContain(Portal.Mail.Messages, m => To(m, email));
    }

    [Fact]
    public async Task AMeterSwap_FromTheInactiveCard_GivesOneHistoryAcrossBothServiceIds()
    {
        // The old meter read until local midnight three days ago; the new one from then on.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var swapDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date).AddDays(-3);
        var swapAt = Midnight(swapDay, zone);
        const string oldId = "2000000021", newId = "2000000022";
        await AddSimAccountAsync(new { serviceId = oldId, pin = "2121", intervalSeconds = 3600, dataUntil = swapAt });
        await AddSimAccountAsync(new { serviceId = newId, pin = "2222", intervalSeconds = 3600, dataFrom = swapAt });
        await using var customer = await Portal.NewSessionAsync();
        var email = BrowserSession.NewEmail("swap");
        await customer.RegisterAsync(email);
        await customer.GotoInteractiveAsync("link");
        await customer.SubmitLinkAsync(oldId, "2121");
        await customer.GotoInteractiveAsync("services");
        await Assertions.Expect(Card(customer, oldId).GetByTestId("status-chip"))
            .ToHaveAttributeAsync("data-status", "Complete", new() { Timeout = 60_000 });

        // The utility deactivates the old Service ID; its next request (the daily refresh, run now) says so.
        (await Portal.Admin.PostAsync($"/sim/accounts/{oldId}/deactivate", null, Ct)).EnsureSuccessStatusCode();
        await RunDailyRefreshAsync(oldId);
        await Assertions.Expect(Card(customer, oldId).GetByTestId("status-chip"))
            .ToHaveAttributeAsync("data-status", "Inactive", new() { Timeout = 60_000 });
        var inactive = await Portal.Mail.WaitForAsync(email, $"Service ID {oldId} is no longer active", MailWait);
        Assert.Contains("link?replaces=", LinkIn(inactive, "replaces="), StringComparison.Ordinal);
        var button = Card(customer, oldId).GetByTestId("link-new");
        await Assertions.Expect(button).ToHaveTextAsync("Link the new Service ID");
        await customer.ScreenshotAsync("services-inactive");

        await button.ClickAsync();
        await customer.Page.WaitForURLAsync(url => new Uri(url).PathAndQuery.StartsWith("/link?replaces=", StringComparison.Ordinal));
        await Assertions.Expect(customer.Page.GetByTestId("replaces-note")).ToContainTextAsync($"replaces Service ID {oldId}");
        await customer.Page.WaitForTimeoutAsync(500); // the circuit has rendered the form (the note comes from it)
        await customer.SubmitLinkAsync(newId, "2222", screenshot: "link-replacement");
        await customer.GotoInteractiveAsync("services");
        await Assertions.Expect(Card(customer, newId).GetByTestId("status-chip"))
            .ToHaveAttributeAsync("data-status", "Complete", new() { Timeout = 60_000 });
        await Assertions.Expect(Card(customer, newId).GetByTestId("replaces")).ToContainTextAsync(oldId);

        // The link records the replacement, and each reading stays under its own Service ID.
        await using (var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
        {
            var links = await db.ServiceLinks.Where(l => l.ServiceId == oldId || l.ServiceId == newId).ToDictionaryAsync(l => l.ServiceId, Ct);
            Assert.Equal(links[oldId].Id, links[newId].ReplacesLinkId);
            Assert.False(await db.Readings.AnyAsync(r => r.LinkId == links[oldId].Id && r.Start >= swapAt.ToUnixTimeSeconds(), Ct));
            Assert.False(await db.Readings.AnyAsync(r => r.LinkId == links[newId].Id && r.Start < swapAt.ToUnixTimeSeconds(), Ct));
        }

        // Either Service ID's page: the day before the swap is the old meter's, the swap day the new one's.
        var before = (await SimulatorTruth.DayAsync(Portal.Admin, oldId, swapDay.AddDays(-1), zone.Id))[SimulatorTruth.Delivered];
        var after = (await SimulatorTruth.DayAsync(Portal.Admin, newId, swapDay, zone.Id))[SimulatorTruth.Delivered];
        Assert.Equal((24, 24), (before.Readings, after.Readings));
        foreach (var serviceId in new[] { newId, oldId })
        {
            Assert.Equal(before.Wh / 1000, await DayTotalAsync(customer, serviceId, swapDay.AddDays(-1)), 0.0011);
            Assert.Equal(after.Wh / 1000, await DayTotalAsync(customer, serviceId, swapDay), 0.0011);
        }
        await customer.GotoInteractiveAsync($"usage/{newId}?view=week&date={swapDay:yyyy-MM-dd}");
        var sources = customer.Page.GetByTestId("usage-source");
        await Assertions.Expect(sources).ToHaveCountAsync(2);
        Assert.Equal([oldId, newId], await sources.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.serviceId)"));
        await Assertions.Expect(customer.Page.GetByTestId("usage-chart")).ToHaveAttributeAsync("data-drawn", "true");
        Assert.Equal("0", await customer.Page.GetByTestId("usage-chart").GetAttributeAsync("data-gaps"));
        await customer.ScreenshotAsync("usage-meter-swap");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ILocator Card(BrowserSession session, string serviceId) =>
        session.Page.Locator($"[data-testid=service-card][data-service-id='{serviceId}']");

    private static bool To(MimeMessage message, string email) =>
        message.To.Mailboxes.Any(a => a.Address.Equals(email, StringComparison.OrdinalIgnoreCase));

    private static string LinkIn(MimeMessage message, string containing) =>
        Urls().Matches(MailCatcher.Text(message)).Select(m => m.Value).First(u => u.Contains(containing, StringComparison.Ordinal));

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Urls();

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private async Task AddSimAccountAsync(object account) =>
        (await Portal.Admin.PostAsJsonAsync("/sim/accounts", account, Ct)).EnsureSuccessStatusCode();

    // What the 17:00 Pacific job does, now (the fixture opens the off-peak window all day). The job spreads the
    // night's refreshes through what is left of the window, stalest first, so a service that was just linked would wait
    // for hours: its turn is brought to now, and the dispatcher is woken as a change would wake it.
    private async Task RunDailyRefreshAsync(string serviceId)
    {
        await ActivatorUtilities.CreateInstance<RefreshJob>(Portal.Services).RunAsync(Ct);
        var factory = Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync(Ct);
        var refreshes = db.DataRequests.Where(r => r.Link!.ServiceId == serviceId && r.Kind == RequestKind.Refresh);
        var planned = await refreshes.Select(r => new { r.Id, r.LinkId }).ToListAsync(Ct);
        Assert.NotEmpty(planned); // the job planned this service's refresh
        // The stalest link's turn is now, so the dispatcher may already have claimed it: only a waiting one is moved.
        refreshes = refreshes.Where(r => r.Status == RequestStatus.Pending);
        var now = DateTimeOffset.UtcNow;
        // One statement, as a claim would: the dispatcher may be touching other requests meanwhile.
        await refreshes.ExecuteUpdateAsync(set => set.SetProperty(r => r.NotBefore, now).SetProperty(r => r.Version, r => r.Version + 1), Ct);
        var notifier = Portal.Services.GetRequiredService<RequestStatusNotifier>();
        foreach (var refresh in planned)
            notifier.Notify(new RequestStatusChange(refresh.LinkId, refresh.Id));
    }

    private async Task<double> DayTotalAsync(BrowserSession session, string serviceId, DateOnly day)
    {
        await session.GotoInteractiveAsync($"usage/{serviceId}?view=day&date={day:yyyy-MM-dd}");
        var total = session.Page.GetByTestId("total-delivered");
        await Assertions.Expect(total).ToHaveAttributeAsync("data-kwh", new Regex(@"^\d"));
        return double.Parse((await total.GetAttributeAsync("data-kwh"))!, CultureInfo.InvariantCulture);
    }

    private async Task<List<LinkNotice>> NoticesAsync(string serviceId, Func<LinkNotice, bool> settled, int count)
    {
        var factory = Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(250, Ct))
        {
            await using var db = await factory.CreateDbContextAsync(Ct);
            var notices = await db.LinkNotices.AsNoTracking().Where(n => n.Link!.ServiceId == serviceId).ToListAsync(Ct);
            if (notices.Count(settled) >= count || DateTime.UtcNow > deadline)
                return notices;
        }
    }
}
