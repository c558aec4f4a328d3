using System.Net;
using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>Each customer sees only their own services: another one's usage page and downloads give nothing away.</summary>
[Collection(PortalFixture.Collection)]
public sealed class OwnershipTests(PortalFixture portal) : PortalTest(portal)
{
    private const string ServiceId = "1000000002", Pin = "2345"; // the hourly demo account

    [Fact]
    public async Task Another_customer_cannot_open_the_first_ones_usage_or_downloads()
    {
        await using var owner = await Portal.NewSessionAsync();
        await owner.RegisterAsync(BrowserSession.NewEmail("owner"));
        await owner.GotoInteractiveAsync("link");
        await owner.SubmitLinkAsync(ServiceId, Pin);
        await Assertions.Expect(owner.Page.GetByTestId("usage-chart")).ToBeAttachedAsync();
        var csvPath = $"usage/{ServiceId}/download.csv?view=month&date={DateTime.UtcNow:yyyy-MM-dd}";
        // The owner's own download works, so the refusals below are about ownership, not a missing route.
        var own = await owner.Context.APIRequest.GetAsync(csvPath);
        Assert.Equal((int)HttpStatusCode.OK, own.Status);
        foreach (var link in new[] { "download-history-csv", "download-history-xml" })
        {
            var history = await owner.Context.APIRequest.GetAsync((await owner.Page.GetByTestId(link).GetAttributeAsync("href"))!);
            Assert.Equal((int)HttpStatusCode.OK, history.Status);
        }
        await owner.ScreenshotAsync("usage-downloads");

        await using var other = await Portal.NewSessionAsync();
        await other.RegisterAsync(BrowserSession.NewEmail("other"));
        await other.GotoInteractiveAsync($"usage/{ServiceId}");
        await Assertions.Expect(other.Page.GetByTestId("usage-not-found")).ToBeVisibleAsync();
        await Assertions.Expect(other.Page.GetByTestId("usage-chart")).ToHaveCountAsync(0);
        await Assertions.Expect(other.Page.GetByTestId("usage-totals")).ToHaveCountAsync(0);
        await Assertions.Expect(other.Page.GetByTestId("download-csv")).ToHaveCountAsync(0);
        await Assertions.Expect(other.Page.GetByTestId("download-history-xml")).ToHaveCountAsync(0);
        await other.ScreenshotAsync("usage-not-yours");

        await other.GotoInteractiveAsync("services");
        await Assertions.Expect(other.Page.GetByTestId("no-services")).ToBeVisibleAsync();

        string[] paths =
        [
            csvPath, csvPath.Replace("download.csv", "download.xml", StringComparison.Ordinal),
            $"usage/{ServiceId}/download-history.csv", $"usage/{ServiceId}/download-history.xml",
        ];
        foreach (var path in paths)
        {
            var response = await other.Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
            Assert.True(response.Status is 403 or 404, $"{path} gave {response.Status} to another customer");
            Assert.DoesNotContain(ServiceId, await response.TextAsync(), StringComparison.Ordinal);
        }
    }
}
