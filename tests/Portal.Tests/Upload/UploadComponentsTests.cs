using GbcPortal.Core.Espi.Inspection;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using GbcPortal.Portal.Components.Pages.Services;
using GbcPortal.Portal.Components.Pages.Upload;

namespace GbcPortal.Portal.Tests.Upload;

public sealed class UploadComponentsTests : PortalTestContext
{
    private static readonly InspectReport ElectricAndGas = new(
        "download.xml", "Feed",
        [new UsagePointReport("/UsagePoint/1", "Electricity", "Home", null), new UsagePointReport("/UsagePoint/2", "Gas", null, null)],
        [
            new SeriesReport("/UsagePoint/1", "/ReadingType/1", 1, 1, "delivered", 72, "Wh", 0, 900, 96, "2026-01-01T08:00:00Z", "2026-01-02T08:00:00Z", 1, 4, 24.5, "kWh"),
            new SeriesReport("/UsagePoint/2", "/ReadingType/2", 7, 1, "delivered", 169, "therm", 0, 86400, 1, "2026-01-01T08:00:00Z", "2026-01-02T08:00:00Z", 0, 0, 3.25, "therm"),
        ],
        [new FlowTotal(1, "delivered", 24.5, "kWh", 1, 96), new FlowTotal(1, "delivered", 3.25, "therm", 1, 1)],
        97, 2, "2026-01-01T08:00:00Z", "2026-01-02T08:00:00Z", ["A reading was repeated."], []);

    [Fact]
    public void The_report_shows_every_total_in_its_unit_and_charts_only_electricity()
    {
        var cut = RenderPage<UploadReportView>(p => p.Add(c => c.Report, ElectricAndGas));

        var totals = cut.FindAll("[data-testid=flow-total]");
        Assert.Equal(2, totals.Count);
        Assert.Equal(("kWh", "24.5"), (totals[0].GetAttribute("data-unit"), totals[0].GetAttribute("data-total")));
        Assert.Contains("yes", totals[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("therm", totals[1].GetAttribute("data-unit"));
        Assert.Contains("no: not electricity", totals[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll("[data-testid=series-row]").Count);
        Assert.Contains("1 (4 intervals missing)", cut.FindAll("[data-testid=series-row]")[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("2", cut.Find("[data-testid=duplicates-dropped]").TextContent);
        Assert.Contains("A reading was repeated.", cut.Find("[data-testid=upload-warnings]").TextContent, StringComparison.Ordinal);
        Assert.Contains("97 readings from 2026-01-01 08:00:00 UTC", cut.Find("[data-testid=upload-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_services_shows_a_file_only_service_on_its_own_card_and_deletes_it_with_its_readings()
    {
        int fileLinkId;
        await using (var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var now = Clock.GetUtcNow();
            var file = new ServiceLink
            {
                OwnerId = OwnerId,
                ServiceId = "file-1",
                Status = LinkStatus.FileOnly,
                CreatedAt = now,
                StatusChangedAt = now,
                CoveredFrom = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero),
                CoveredTo = new DateTimeOffset(2026, 2, 1, 8, 0, 0, TimeSpan.Zero),
            };
            db.ServiceLinks.Add(file);
            db.ServiceLinks.Add(new ServiceLink { OwnerId = OwnerId, ServiceId = "1000000001", Status = LinkStatus.Pending, CreatedAt = now, StatusChangedAt = now });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            fileLinkId = file.Id;
        }

        Render<MudBlazor.MudPopoverProvider>();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<ServicesPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=file-service-card]")));
        Assert.Single(cut.FindAll("[data-testid=service-card]"));
        var card = cut.Find("[data-testid=file-service-card]");
        Assert.Equal("file-1", card.GetAttribute("data-service-id"));
        Assert.Contains("Jan 1, 2026 to Jan 31, 2026", card.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("a[href=upload]"));

        cut.Find("[data-testid=delete-file-service]").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog button")));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Delete", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=file-service-card]")));
        await using var after = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.False(after.ServiceLinks.Any(l => l.Id == fileLinkId));
    }
}
