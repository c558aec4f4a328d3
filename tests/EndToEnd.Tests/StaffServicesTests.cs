using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Usage;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>
/// Staff find a customer by Service ID or email, open the service's page, and act on it through the same jobs and
/// queue as everywhere else; the charts on /staff draw the last seven days. Customers get none of it.
/// </summary>
[Collection(PortalFixture.Collection)]
public sealed class StaffServicesTests(PortalFixture portal) : PortalTest(portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_find_a_customer_by_Service_ID_and_by_email_and_replay_a_callback_and_ask_for_a_window_from_its_page()
    {
        var (email, serviceId, customer) = await LinkedCustomerAsync("findme");
        await using var _ = customer;

        await using var staff = await Portal.NewSessionAsync();
        await staff.LoginAsync(PortalFixture.StaffEmail, Portal.StaffPassword);
        await staff.GotoInteractiveAsync("staff");
        await staff.Page.GetByRole(AriaRole.Link, new() { Name = "Find a service" }).ClickAsync();
        await staff.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/staff/services");

        // The first digits of a Service ID find it among others; the whole of it, only it.
        var rows = await SearchAsync(staff, serviceId[..6]);
        await Assertions.Expect(rows.Filter(new() { HasText = serviceId })).ToHaveCountAsync(1);
        rows = await SearchAsync(staff, serviceId);
        await Assertions.Expect(staff.Page.GetByTestId("search-count")).ToHaveAttributeAsync("data-total", "1");
        await Assertions.Expect(rows.First).ToContainTextAsync(email);
        await staff.ScreenshotAsync("staff-services-search");

        // The beginning of the address, in another case, finds the account; the whole address too.
        var localPart = email[..email.IndexOf('@', StringComparison.Ordinal)];
        rows = await SearchAsync(staff, localPart.ToUpperInvariant());
        await Assertions.Expect(rows.Filter(new() { HasText = serviceId })).ToHaveCountAsync(1);
        rows = await SearchAsync(staff, email);
        await Assertions.Expect(staff.Page.GetByTestId("search-count")).ToHaveAttributeAsync("data-total", "1");
        rows = await SearchAsync(staff, "nobody-" + Guid.NewGuid().ToString("N"));
        await Assertions.Expect(staff.Page.GetByTestId("search-count")).ToHaveAttributeAsync("data-total", "0");

        // A result opens the service's page: owner, requests with their windows, callbacks with their ingest, coverage.
        await SearchAsync(staff, serviceId);
        await staff.Page.GetByRole(AriaRole.Link, new() { Name = serviceId, Exact = true }).ClickAsync();
        await staff.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/staff/services/", StringComparison.Ordinal));
        await Assertions.Expect(staff.Page.GetByRole(AriaRole.Heading, new() { Name = $"Service ID {serviceId}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(staff.Page.GetByTestId("service-owner")).ToHaveTextAsync(email);
        await Assertions.Expect(staff.Page.GetByTestId("service-summary")).ToHaveAttributeAsync("data-status", "Active");
        var requests = staff.Page.GetByTestId("service-requests").Locator("tbody tr");
        Assert.True(await requests.CountAsync() >= 2, "a Verify and a backfill");
        await Assertions.Expect(requests.Filter(new() { HasText = "Verify" })).ToContainTextAsync("Complete");
        await Assertions.Expect(staff.Page.GetByTestId("coverage-bar")).ToBeVisibleAsync();
        var callback = staff.Page.GetByTestId("service-callbacks").Locator("tbody tr").First;
        await Assertions.Expect(callback).ToContainTextAsync("Processed");
        var callbackId = int.Parse(await callback.Locator("td").First.InnerTextAsync(), CultureInfo.InvariantCulture);
        await staff.ScreenshotAsync("staff-service-page");

        // Replay goes through the Hangfire ingest job: its run shows as a second attempt on the callback.
        await staff.Page.GetByTestId($"replay-{callbackId}").ClickAsync();
        await WaitUntilAsync(staff, () => Assertions.Expect(staff.Page.GetByTestId($"callback-attempts-{callbackId}")).ToHaveAttributeAsync("data-attempts", "2", new() { Timeout = 1_000 }));
        await Assertions.Expect(staff.Page.GetByTestId($"callback-state-{callbackId}")).ToHaveAttributeAsync("data-state", "Processed");
        var succeeded = Portal.Services.GetRequiredService<JobStorage>().GetMonitoringApi().SucceededJobs(0, 500);
        Assert.Contains(succeeded, j => j.Value.Job?.Method.Name == "ReplayAsync" && Equals(j.Value.Job.Args[0], callbackId));

        // A window over the protocol's 185 days is refused with the reason; a short one is queued, sent and answered.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date);
        await RequestWindowAsync(staff, today.AddDays(-200), today.AddDays(-10));
        await Assertions.Expect(staff.Page.GetByTestId("window-error")).ToContainTextAsync("at most 185 days");
        var before = await requests.CountAsync();
        await RequestWindowAsync(staff, today.AddDays(-5), today.AddDays(-3));
        await Assertions.Expect(requests).ToHaveCountAsync(before + 1);
        var newest = requests.Filter(new() { HasText = $"{Date(today.AddDays(-5))} – {Date(today.AddDays(-2))}" });
        await Assertions.Expect(newest).ToContainTextAsync("Complete", new() { Timeout = 30_000 });
        await staff.ScreenshotAsync("staff-service-page-after-actions");

        // Both actions are in the audit log, by the staff member.
        await staff.GotoInteractiveAsync($"staff/audit?serviceId={serviceId}");
        var events = staff.Page.GetByTestId("audit-events");
        foreach (var action in new[] { "CallbackReplayed", "WindowRequested" })
            await Assertions.Expect(events.Locator("tbody tr", new() { HasText = action })).ToContainTextAsync(PortalFixture.StaffEmail);
    }

    [Fact]
    public async Task A_customer_is_refused_the_service_search_and_a_service_page()
    {
        var (_, serviceId, customer) = await LinkedCustomerAsync("curious", waitForComplete: false);
        await using var _ = customer;
        var linkId = await LinkIdAsync(serviceId);

        foreach (var path in new[] { $"staff/services?q={serviceId}", $"staff/services/{linkId}" })
        {
            var response = await customer.Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
            var refused = response.Status is 401 or 403
                || response.Status is 302 && response.Headers["location"].Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase);
            Assert.True(refused, $"/{path} gave {response.Status} to a customer");
            await customer.Page.GotoAsync(path);
            Assert.DoesNotContain("Find a service", await customer.Page.ContentAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_staff_page_charts_sends_per_hour_against_the_limit_and_the_backlog_with_off_peak_shaded()
    {
        var (_, _, customer) = await LinkedCustomerAsync("charted"); // so the last hour has sends
        await using var _ = customer;
        // The recurring sample job, run now through Hangfire rather than waiting for its ten minutes.
        Portal.Services.GetRequiredService<IRecurringJobManager>().Trigger("backlog-sample");
        await using var staff = await Portal.NewSessionAsync();
        await staff.LoginAsync(PortalFixture.StaffEmail, Portal.StaffPassword);
        await WaitUntilAsync(staff, async () =>
        {
            await staff.GotoInteractiveAsync("staff");
            var points = await staff.Page.GetByTestId("backlog-summary").GetAttributeAsync("data-points");
            Assert.True(int.Parse(points!, CultureInfo.InvariantCulture) >= 2, "a sample and now");
        }, reload: false);

        var sends = staff.Page.GetByTestId("sends-chart");
        await Assertions.Expect(sends).ToHaveAttributeAsync("data-drawn", "true");
        var summary = staff.Page.GetByTestId("sends-summary");
        // The fixture's Dispatch: 60 a minute is 3,600 an hour; the bars add up to the sends the summary counts.
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-limit-per-hour", "3600");
        var total = int.Parse((await summary.GetAttributeAsync("data-total"))!, CultureInfo.InvariantCulture);
        Assert.True(total >= 2, $"the customer's link sent at least a Verify and a backfill, the chart counts {total}");
        var drawn = JsonSerializer.Deserialize<Dictionary<string, double>>((await sends.GetAttributeAsync("data-drawn-series"))!)!;
        Assert.Equal(total, drawn.Where(s => s.Key != "limit").Sum(s => s.Value));
        Assert.Equal(168, int.Parse((await sends.GetAttributeAsync("data-points"))!, CultureInfo.InvariantCulture));
        Assert.InRange(int.Parse((await sends.GetAttributeAsync("data-bands"))!, CultureInfo.InvariantCulture), 7, 8);
        await Assertions.Expect(staff.Page.GetByTestId("charts-zone")).ToContainTextAsync("Pacific time");
        // The window as the fixture sets it (open all day there, so the meter-swap test can refresh by hand).
        var dispatch = Portal.Services.GetRequiredService<IOptions<DispatchOptions>>().Value;
        await Assertions.Expect(staff.Page.GetByTestId("charts-zone"))
            .ToContainTextAsync($@"{dispatch.OffPeakStart:hh\:mm}–{dispatch.OffPeakEnd:hh\:mm}");
        await Assertions.Expect(staff.Page.GetByTestId("backlog-chart")).ToHaveAttributeAsync("data-drawn", "true");
        await staff.Page.GetByTestId("sends-chart").ScrollIntoViewIfNeededAsync();
        await staff.ScreenshotAsync("staff-charts");
        await staff.Page.Locator(".usage-chart").First.ScreenshotAsync(new() { Path = Path.Combine(PortalFixture.ScreenshotDirectory, "staff-sends-chart.png") });
    }

    // A Service ID of its own at the simulator, linked by a new customer (and answered, unless told not to wait).
    private async Task<(string Email, string ServiceId, BrowserSession Customer)> LinkedCustomerAsync(string who, bool waitForComplete = true)
    {
        var serviceId = "7" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        using (var created = await Portal.Admin.PostAsJsonAsync("/sim/accounts",
            new { serviceId, pin = "1357", intervalSeconds = 3600, solar = false, active = true }, Ct))
            created.EnsureSuccessStatusCode();
        var email = BrowserSession.NewEmail(who);
        var customer = await Portal.NewSessionAsync();
        await customer.RegisterAsync(email);
        await customer.GotoInteractiveAsync("link");
        await customer.SubmitLinkAsync(serviceId, "1357");
        if (waitForComplete)
        {
            await customer.GotoInteractiveAsync("services");
            var card = customer.Page.Locator($"[data-testid=service-card][data-service-id='{serviceId}']");
            await Assertions.Expect(card.GetByTestId("status-chip")).ToHaveAttributeAsync("data-status", "Complete", new() { Timeout = 60_000 });
        }
        return (email, serviceId, customer);
    }

    private async Task<int> LinkIdAsync(string serviceId)
    {
        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        return await db.ServiceLinks.Where(l => l.ServiceId == serviceId).Select(l => l.Id).SingleAsync(Ct);
    }

    private static async Task<ILocator> SearchAsync(BrowserSession staff, string query)
    {
        await staff.Page.GetByLabel("Service ID or email", new() { Exact = true }).FillAsync(query);
        await staff.Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await staff.Page.WaitForURLAsync(url => new Uri(url).Query.Contains("q=", StringComparison.Ordinal)
            && Uri.UnescapeDataString(new Uri(url).Query.Replace('+', ' ')).Contains(query, StringComparison.Ordinal));
        await Assertions.Expect(staff.Page.GetByTestId("search-count")).ToContainTextAsync(query);
        return staff.Page.GetByTestId("search-results").Locator("tbody tr");
    }

    private static async Task RequestWindowAsync(BrowserSession staff, DateOnly from, DateOnly to)
    {
        await staff.Page.Locator("#window-from").FillAsync(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await staff.Page.Locator("#window-to").FillAsync(to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await staff.Page.GetByTestId("request-window").ClickAsync();
    }

    private static string Date(DateOnly day) => day.ToString("MMM d, yyyy", CultureInfo.GetCultureInfo("en-US"));

    // Presses the page's Refresh (or runs the check as is) until it passes, for changes made by a job the page does not hear of.
    private static async Task WaitUntilAsync(BrowserSession session, Func<Task> check, bool reload = true, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                await check();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, Ct);
                if (reload)
                    await session.Page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            }
        }
    }

    // What /staff says about a pause after dropped connections and about a callback it could not use: stored as codes
    // with their values, read as the one table's sentences.
    [Fact]
    public async Task Staff_read_the_pause_the_alert_and_a_refused_callback_as_sentences_from_the_table()
    {
        DispatchControl control;
        int inboxId;
        await using (var db = await Portal.Databases.CreateDbContextAsync(Ct))
        {
            control = await db.DispatchControl.SingleAsync(Ct);
            (control.Paused, control.PauseReason, control.PausedAt) = (true, DispatchReason.ConnectionsDropped, DateTimeOffset.UtcNow);
            (control.AlertReason, control.AlertCount, control.AlertAt) = (DispatchReason.ConnectionsDropped, 3, DateTimeOffset.UtcNow);
            var inbox = new CallbackInbox
            {
                RequestId = Guid.NewGuid(),
                Body = "<feed/>"u8.ToArray(),
                ReceivedAt = DateTimeOffset.UtcNow,
                State = InboxState.Failed,
                Problem = CallbackProblem.ResourceOffHost,
                Detail = "169.254.169.254",
                Attempts = 1,
            };
            db.CallbackInbox.Add(inbox);
            await db.SaveChangesAsync(Ct);
            inboxId = inbox.Id;
        }

        try
        {
            await using var staff = await Portal.NewSessionAsync();
            await staff.LoginAsync(PortalFixture.StaffEmail, Portal.StaffPassword);
            await staff.GotoInteractiveAsync("staff");

            await Assertions.Expect(staff.Page.GetByTestId("dispatch-alert")).ToHaveTextAsync(StatusSentences.Alert(control)!);
            await Assertions.Expect(staff.Page.GetByTestId("dispatch-state")).ToHaveAttributeAsync("data-status", "Paused");
            await Assertions.Expect(staff.Page.GetByTestId("dispatch-panel")).ToContainTextAsync(StatusSentences.Paused(control)!);
            var row = staff.Page.GetByTestId("failed-ingests").Locator("tbody tr", new() { Has = staff.Page.GetByTestId($"replay-{inboxId}") });
            await Assertions.Expect(row).ToContainTextAsync(StatusSentences.For(CallbackProblem.ResourceOffHost, "169.254.169.254", null)!);
            await staff.ScreenshotAsync("staff-dispatch-alert-and-callbacks");
        }
        finally
        {
            await Portal.Dispatch.ResumeAsync(Ct);
            await Portal.Dispatch.ClearAlertAsync(Ct);
            await using var db = await Portal.Databases.CreateDbContextAsync(Ct);
            db.CallbackInbox.Remove((await db.CallbackInbox.FindAsync([inboxId], Ct))!); // split across two tables: no ExecuteDelete
            await db.SaveChangesAsync(Ct);
        }
    }
}
