using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>
/// A new customer from sign-up to a downloaded CSV: link a demo service, watch it go Pending to
/// Complete without reloading, and check the chart and the file against the simulator's truth.
/// </summary>
[Collection(PortalFixture.Collection)]
public sealed partial class CustomerJourneyTests(PortalFixture portal) : PortalTest(portal)
{
    private const string ServiceId = "1000000001", Pin = "1234"; // the solar demo account, 15-minute kWh×10⁻³
    private const string DayLabel = "dddd, MMMM d, yyyy"; // how the usage page names a day

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task Register_link_watch_it_complete_see_the_true_total_and_download_it()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var customer = await Portal.NewSessionAsync();
        var page = customer.Page;
        await customer.RegisterAsync(BrowserSession.NewEmail("journey"));

        // Dispatch held while linking, so the browser can see Pending before anything is sent.
        await Portal.Dispatch.PauseAsync(cancel);
        try
        {
            await customer.GotoInteractiveAsync("link");
            await customer.SubmitLinkAsync(ServiceId, Pin, screenshot: "link");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Usage · Service ID {ServiceId}" })).ToBeVisibleAsync();
            await customer.ScreenshotAsync("usage-pending");

            await customer.GotoInteractiveAsync("services");
            var chip = page.Locator($"[data-testid=service-card][data-service-id='{ServiceId}'] [data-testid=status-chip]");
            await Assertions.Expect(chip).ToHaveAttributeAsync("data-status", "Pending");
            await customer.ScreenshotAsync("services-pending");
            await page.EvaluateAsync("() => { window.e2eSamePage = 'not reloaded'; }");
        }
        finally
        {
            await Portal.Dispatch.ResumeAsync(cancel);
        }

        var card = page.Locator($"[data-testid=service-card][data-service-id='{ServiceId}']");
        await Assertions.Expect(card.Locator("[data-testid=status-chip]"))
            .ToHaveAttributeAsync("data-status", "Complete", new() { Timeout = 90_000 });
        Assert.Equal("not reloaded", await page.EvaluateAsync<string?>("() => window.e2eSamePage ?? null"));
        await Assertions.Expect(card.Locator("[data-testid=coverage]")).Not.ToContainTextAsync("No usage received yet");
        await customer.ScreenshotAsync("services-complete");

        // The usage page opens on the last day with data; two days earlier is a whole day inside the coverage.
        await customer.GotoInteractiveAsync($"usage/{ServiceId}");
        var chart = page.GetByTestId("usage-chart");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-drawn", "true");
        await page.GetByTestId("view-day").ClickAsync();
        await Assertions.Expect(page.GetByTestId("view-day")).ToHaveAttributeAsync("aria-pressed", "true");
        var label = page.GetByTestId("period-label");
        var day = DateOnly.ParseExact(await label.InnerTextAsync(), DayLabel, English);
        for (var back = 0; back < 2; back++)
        {
            day = day.AddDays(-1);
            await page.GetByTestId("previous").ClickAsync();
            await Assertions.Expect(label).ToHaveTextAsync(day.ToString(DayLabel, English), new() { Timeout = 20_000 });
        }
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"view=day&date={day:yyyy-MM-dd}"));

        await SettledAsync(page, chart);
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-granularity", new Regex("QuarterHour|Hour"));
        await customer.ScreenshotAsync("usage-day");

        var zoneText = await page.GetByText("Times are local to the service").InnerTextAsync();
        var zone = ZonePattern().Match(zoneText) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException(zoneText);
        var truth = await SimulatorTruth.DayAsync(Portal.Admin, ServiceId, day, zone);
        Assert.True(truth[SimulatorTruth.Delivered].Readings >= 92, $"the simulator has a whole day for {day}: {truth[SimulatorTruth.Delivered]}");
        var deliveredKwh = truth[SimulatorTruth.Delivered].Wh / 1000;
        var receivedKwh = truth[SimulatorTruth.Received].Wh / 1000;

        // The totals header (to the displayed 0.001 kWh) and what the chart drew (buckets rounded to 0.0001 kWh).
        Assert.Equal(deliveredKwh, await NumberAsync(page.GetByTestId("total-delivered"), "data-kwh"), 0.0011);
        Assert.Equal(receivedKwh, await NumberAsync(page.GetByTestId("total-received"), "data-kwh"), 0.0011);
        Assert.Equal(deliveredKwh, await NumberAsync(chart, "data-drawn-delivered-kwh"), 0.01);
        Assert.Equal(receivedKwh, await NumberAsync(chart, "data-drawn-received-kwh"), 0.01);
        Assert.Equal("0", await chart.GetAttributeAsync("data-gaps"));
        Assert.True(await page.EvaluateAsync<bool>(PaintedScript, await chart.ElementHandleAsync()), "the canvas has pixels drawn on it");

        // The link's own answer first, so a refused download fails with its status rather than "canceled".
        var href = await page.GetByTestId("download-csv").GetAttributeAsync("href");
        var answer = await customer.Context.APIRequest.GetAsync(href!);
        Assert.True(answer.Ok, $"GET {href} answered {answer.Status}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-csv").ClickAsync());
        var file = Path.Combine(Portal.DataDirectory, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        var csv = CsvTotals.Read(file);
        Assert.Equal(CsvTotals.ExpectedHeader, csv.Header);
        Assert.Equal(["Wh"], csv.Units);
        foreach (var flow in new[] { SimulatorTruth.Delivered, SimulatorTruth.Received })
        {
            Assert.Equal(truth[flow].Readings, csv.Flows[flow].Readings);
            Assert.Equal(truth[flow].Wh, csv.Flows[flow].Wh, 1e-6);
        }
    }

    // True when any pixel of the canvas is not fully transparent: Chart.js really drew.
    private const string PaintedScript = """
        canvas => {
            const ctx = canvas.getContext('2d');
            const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
            return false;
        }
        """;

    // The label changes with the server's render; the chart is drawn by JS just after. Wait until what
    // was drawn is this period's buckets (the assertions below then say what differs, if anything does).
    private static async Task SettledAsync(IPage page, ILocator chart)
    {
        try
        {
            await page.WaitForFunctionAsync("""
                c => c.dataset.drawn === 'true'
                    && Math.abs(Number(c.dataset.drawnDeliveredKwh) - Number(c.dataset.totalDeliveredKwh)) < 0.01
                """, await chart.ElementHandleAsync(), new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
        }
    }

    private static async Task<double> NumberAsync(ILocator element, string attribute)
    {
        var text = await element.GetAttributeAsync(attribute);
        return double.Parse(text ?? throw new InvalidOperationException($"{attribute} missing"), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\(([A-Za-z_]+/[A-Za-z_]+)\)")]
    private static partial Regex ZonePattern();
}
