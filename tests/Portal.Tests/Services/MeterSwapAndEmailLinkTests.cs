using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using GbcPortal.Portal.Components.Pages.Link;
using GbcPortal.Portal.Components.Pages.Services;
using GbcPortal.Portal.Components.Pages.Usage;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Portal.Tests.Services;

/// <summary>The Inactive card's way to the replacement, the link page that records it, the joined history's note, and the email's PIN link.</summary>
public sealed class MeterSwapAndEmailLinkTests : PortalTestContext
{
    private static readonly DateTimeOffset Changed = new(2026, 3, 12, 18, 30, 0, TimeSpan.Zero);

    [Fact]
    public void AnInactiveCard_OffersToLinkTheNewServiceId_AsItsReplacement()
    {
        var inactive = new ServiceCard(7, "1000000003", LinkStatus.Inactive, ServiceStatus.Inactive, null, Changed, null, null, [])
        {
            ReplacedByServiceId = null,
        };
        var rejected = inactive with { Status = ServiceStatus.Rejected, LinkStatus = LinkStatus.Rejected };

        var card = RenderPage<ServiceStatusCard>(p => p.Add(c => c.Card, inactive).Add(c => c.Now, Changed));
        var other = Render<ServiceStatusCard>(p => p.Add(c => c.Card, rejected).Add(c => c.Now, Changed));

        var button = card.Find("[data-testid=link-new]");
        Assert.Equal("Link the new Service ID", button.TextContent.Trim());
        Assert.Equal("link?replaces=7", button.GetAttribute("href"));
        Assert.Equal(StatusSentences.For(ServiceStatus.Inactive), card.Find("[data-testid=status-text]").TextContent.Trim());
        Assert.Equal(StatusSentences.For(ReasonCode.ServiceInactive), StatusSentences.For(ServiceStatus.Inactive));
        Assert.Equal("link", other.Find("[data-testid=link-new]").GetAttribute("href"));
        Assert.Equal("Link a new Service ID", other.Find("[data-testid=link-new]").TextContent.Trim());
    }

    [Fact]
    public void BothCardsOfASwap_SayWhichServiceIdReplacedWhich()
    {
        var old = new ServiceCard(7, "1000000003", LinkStatus.Inactive, ServiceStatus.Inactive, null, Changed, null, null, [])
        {
            ReplacedByServiceId = "1000000005",
        };
        var replacement = new ServiceCard(8, "1000000005", LinkStatus.Active, ServiceStatus.Complete, null, Changed, null, null, [])
        {
            ReplacesServiceId = "1000000003",
        };

        var oldCard = RenderPage<ServiceStatusCard>(p => p.Add(c => c.Card, old).Add(c => c.Now, Changed));
        var newCard = Render<ServiceStatusCard>(p => p.Add(c => c.Card, replacement).Add(c => c.Now, Changed));

        Assert.Contains("Replaced by Service ID 1000000005", oldCard.Find("[data-testid=replaced-by]").TextContent);
        Assert.Contains("Replaces Service ID 1000000003", newCard.Find("[data-testid=replaces]").TextContent);
    }

    [Fact]
    public async Task TheLinkPage_FromTheInactiveCard_RecordsTheReplacement()
    {
        var old = await AddLinkAsync(OwnerId, "1000000003", LinkStatus.Inactive);
        Navigation.NavigateTo($"link?replaces={old}");

        var page = RenderPage<LinkPage>();
        Assert.Contains("replaces Service ID 1000000003", page.Find("[data-testid=replaces-note]").TextContent);
        page.Find("#service-id").Change("1000000005");
        page.Find("#pin").Change("5678");
        await page.Find("[data-testid=link-submit]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.EndsWith("/usage/1000000005", Navigation.Uri));
        await using var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var link = await db.ServiceLinks.SingleAsync(l => l.ServiceId == "1000000005", TestContext.Current.CancellationToken);
        Assert.Equal(old, link.ReplacesLinkId);
    }

    [Fact]
    public async Task TheLinkPage_WithSomeoneElsesLink_ReplacesNothing()
    {
        var theirs = await AddLinkAsync(OtherOwnerId, "1000000003", LinkStatus.Inactive);
        Navigation.NavigateTo($"link?replaces={theirs}");

        var page = RenderPage<LinkPage>();
        Assert.Empty(page.FindAll("[data-testid=replaces-note]"));
        Assert.Contains("not one of yours", page.Find("[data-testid=replaces-unknown]").TextContent);
        Assert.DoesNotContain("1000000003", page.Markup);
        page.Find("#service-id").Change("1000000005");
        page.Find("#pin").Change("5678");
        await page.Find("[data-testid=link-submit]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.EndsWith("/usage/1000000005", Navigation.Uri));
        await using var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Null((await db.ServiceLinks.SingleAsync(l => l.ServiceId == "1000000005", TestContext.Current.CancellationToken)).ReplacesLinkId);
    }

    [Fact]
    public void AJoinedHistory_SaysWhichServiceIdEachSpanComesFrom()
    {
        var swap = new DateTimeOffset(2026, 3, 10, 19, 0, 0, TimeSpan.Zero);
        UsageSource[] sources = [new("1000000003", null, swap), new("1000000005", swap, null)];

        var joined = RenderPage<UsageSources>(p => p.Add(c => c.Sources, sources).Add(c => c.TimeZoneId, "America/Los_Angeles"));
        var single = Render<UsageSources>(p => p.Add(c => c.Sources, [new UsageSource("1000000005", null, null)]));

        var spans = joined.FindAll("[data-testid=usage-source]");
        Assert.Equal(["1000000003", "1000000005"], spans.Select(s => s.GetAttribute("data-service-id")));
        Assert.Contains("1000000003 up to Mar 10, 2026", spans[0].TextContent);
        Assert.Contains("1000000005 from Mar 10, 2026", spans[1].TextContent);
        Assert.Empty(single.FindAll("[data-testid=usage-sources]"));
    }

    [Fact]
    public async Task TheEmailsUpdatePinLink_OpensThePinDialogForThatLink()
    {
        var linkId = await AddLinkAsync(OwnerId, "1000000004", LinkStatus.AccessRevoked);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Navigation.NavigateTo($"services?updatePin={linkId}");

        var (dialogs, _) = RenderProviders();
        Render<ServicesPage>();

        dialogs.WaitForAssertion(() => Assert.Contains("New PIN for Service ID 1000000004", dialogs.Markup));
    }

    [Fact]
    public async Task AnUpdatePinLinkForSomeoneElsesLink_OpensNothing()
    {
        var theirs = await AddLinkAsync(OtherOwnerId, "1000000004", LinkStatus.AccessRevoked);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Navigation.NavigateTo($"services?updatePin={theirs}");

        var (dialogs, snackbar) = RenderProviders();
        Render<ServicesPage>();

        snackbar.WaitForAssertion(() => Assert.Contains("That service is not linked to this account.", snackbar.Markup));
        Assert.DoesNotContain("New PIN for Service ID", dialogs.Markup);
    }

    [Fact]
    public void AMangledReplacesLink_SaysItPointsAtNothing_InsteadOfFailing()
    {
        Navigation.NavigateTo("link?replaces=12abc");

        var link = RenderPage<LinkPage>();

        Assert.Contains("not one of yours", link.Find("[data-testid=replaces-unknown]").TextContent);
    }

    [Fact]
    public void AMangledUpdatePinLink_SaysItPointsAtNothing_InsteadOfFailing()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Navigation.NavigateTo("services?updatePin=%27%3B--");

        var (_, snackbar) = RenderProviders();
        Render<ServicesPage>();

        snackbar.WaitForAssertion(() => Assert.Contains("That service is not linked to this account.", snackbar.Markup));
    }

    private (IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs, IRenderedComponent<MudBlazor.MudSnackbarProvider> Snackbar) RenderProviders()
    {
        Render<MudBlazor.MudPopoverProvider>();
        return (Render<MudBlazor.MudDialogProvider>(), Render<MudBlazor.MudSnackbarProvider>());
    }

    private async Task<int> AddLinkAsync(string ownerId, string serviceId, LinkStatus status)
    {
        await using var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var link = new ServiceLink { OwnerId = ownerId, ServiceId = serviceId, Status = status, CreatedAt = Changed, StatusChangedAt = Changed };
        db.ServiceLinks.Add(link);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return link.Id;
    }
}
