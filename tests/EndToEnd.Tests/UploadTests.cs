
using System.Globalization;
using System.Text.Json;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using GbcCli = GbcPortal.Cli.GbcCli;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>
/// A customer uploads a Green Button file at /upload: the page shows what `gbc espi inspect` says of
/// the same file, and the charts open on the uploaded usage; a file that is not Green Button is
/// refused with a message and leaves nothing behind.
/// </summary>
[Collection(PortalFixture.Collection)]
public sealed class UploadTests(PortalFixture portal) : PortalTest(portal)
{
    [Theory]
    [InlineData("pge-smd-hourly-fall-back-day.xml", false)]
    [InlineData("gba-15min-14days-cost.xml", true)]
    [InlineData("pge-gbc-subscription-electric-gas.xml", false)]
    public async Task Uploaded_file_shows_the_totals_of_gbc_espi_inspect_and_charts_them(string sample, bool withinOneMonth)
    {
        var file = Sample(sample);
        var inspect = Inspect(file);
        await using var customer = await Portal.NewSessionAsync();
        var page = customer.Page;
        await customer.RegisterAsync(BrowserSession.NewEmail("upload"));

        await customer.GotoInteractiveAsync("services");
        await page.GetByTestId("upload-link").First.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/upload");
        await page.GetByLabel("Green Button file", new() { Exact = true }).SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("upload-stored")).ToBeVisibleAsync();
        var shown = page.GetByTestId("flow-total");
        Assert.Equal(inspect.Count, await shown.CountAsync());
        for (var i = 0; i < inspect.Count; i++)
        {
            var row = shown.Nth(i);
            Assert.Equal(inspect[i].Flow, await row.GetAttributeAsync("data-flow"));
            Assert.Equal(inspect[i].Unit, await row.GetAttributeAsync("data-unit"));
            Assert.Equal(inspect[i].Readings, int.Parse((await row.GetAttributeAsync("data-readings"))!, CultureInfo.InvariantCulture));
            Assert.Equal(inspect[i].Total, double.Parse((await row.GetAttributeAsync("data-total"))!, CultureInfo.InvariantCulture), 6);
        }
        await customer.ScreenshotAsync("upload-" + Path.GetFileNameWithoutExtension(sample));

        // The button opens the new file-only service's charts on the file's last month.
        await page.GetByTestId("view-charts").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/usage/file-", StringComparison.Ordinal));
        var chart = page.Locator("[data-testid=usage-chart][data-drawn=true]");
        await Assertions.Expect(chart).ToBeVisibleAsync(new() { Timeout = 30_000 });
        if (withinOneMonth)
        {
            var delivered = inspect.Single(f => f.Flow == "delivered").Total;
            var charted = double.Parse((await chart.GetAttributeAsync("data-drawn-delivered-kwh"))!, CultureInfo.InvariantCulture);
            Assert.Equal(delivered, charted, 3);
        }
        await customer.ScreenshotAsync("upload-chart-" + Path.GetFileNameWithoutExtension(sample));
    }

    [Fact]
    public async Task A_file_that_is_not_Green_Button_is_refused_with_a_message_and_nothing_is_stored()
    {
        await using var customer = await Portal.NewSessionAsync();
        var page = customer.Page;
        var email = BrowserSession.NewEmail("upload-bad");
        await customer.RegisterAsync(email);
        var notGreenButton = Path.Combine(Portal.DataDirectory, "notes.xml");
        await File.WriteAllTextAsync(notGreenButton, "<html><body>my notes</body></html>", TestContext.Current.CancellationToken);

        foreach (var bad in new[] { notGreenButton, Sample("gba-malformed.xml"), Sample("pge-batchlist-notification.xml") })
        {
            await page.GotoAsync("upload");
            await page.GetByLabel("Green Button file", new() { Exact = true }).SetInputFilesAsync(bad);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("upload-error")).ToBeVisibleAsync();
        }
        await Assertions.Expect(page.GetByTestId("upload-error")).ToContainTextAsync("notification");
        await page.GotoAsync("upload");
        await page.GetByLabel("Green Button file", new() { Exact = true }).SetInputFilesAsync(notGreenButton);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-error")).ToContainTextAsync("not a Green Button file");
        await customer.ScreenshotAsync("upload-refused");

        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var ownerId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
        Assert.False(await db.ServiceLinks.AnyAsync(l => l.OwnerId == ownerId, TestContext.Current.CancellationToken));
        Assert.False(await db.Readings.AnyAsync(r => db.ServiceLinks.Any(l => l.Id == r.LinkId && l.OwnerId == ownerId), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_file_over_50_MB_is_refused_before_it_is_read()
    {
        await using var customer = await Portal.NewSessionAsync();
        var page = customer.Page;
        await customer.RegisterAsync(BrowserSession.NewEmail("upload-large"));
        var large = Path.Combine(Portal.DataDirectory, "large.xml");
        await using (var stream = File.Create(large))
            stream.SetLength(52L * 1024 * 1024);

        await page.GotoAsync("upload");
        await page.GetByLabel("Green Button file", new() { Exact = true }).SetInputFilesAsync(large);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-error")).ToContainTextAsync("larger than 50 MB");
    }

    private sealed record FlowFigure(string Flow, string Unit, double Total, int Readings);

    // `gbc espi inspect FILE --json`, run in-process through the command's own entry point.
    private static List<FlowFigure> Inspect(string file)
    {
        var stdout = new StringWriter();
        Assert.Equal(0, GbcCli.Run(["espi", "inspect", file, "--json"], stdout, new StringWriter()));
        using var json = JsonDocument.Parse(stdout.ToString());
        return json.RootElement.GetProperty("totals").EnumerateArray()
            .Select(t => new FlowFigure(t.GetProperty("flow").GetString()!, t.GetProperty("unit").GetString()!,
                t.GetProperty("total").GetDouble(), t.GetProperty("readings").GetInt32()))
            .ToList();
    }

    internal static string Sample(string name) => RepositoryFiles.Sample(name);
}
