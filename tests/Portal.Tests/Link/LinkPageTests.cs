using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Components.Pages.Link;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Portal.Tests.Link;

public sealed class LinkPageTests : PortalTestContext
{
    [Fact]
    public async Task MalformedServiceIdAndPin_ShowTheFormatRules_AndLinkNothing()
    {
        var page = RenderPage<LinkPage>();

        page.Find("#service-id").Change("12ab");
        page.Find("#pin").Change("12");
        await page.Find("[data-testid=link-submit]").ClickAsync(new());

        page.WaitForAssertion(() =>
        {
            Assert.Contains("A Service ID is the 10 digits printed on your bill.", page.Markup);
            Assert.Contains("A PIN is 4 to 8 digits", page.Markup);
        });
        await using var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.ServiceLinks.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EmptyFields_AreRequired()
    {
        var page = RenderPage<LinkPage>();

        await page.Find("[data-testid=link-submit]").ClickAsync(new());

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Enter the Service ID.", page.Markup);
            Assert.Contains("Enter the PIN.", page.Markup);
        });
    }

    [Fact]
    public async Task ValidInput_LinksTheService_AndLandsOnItsPage_WithoutShowingThePin()
    {
        var page = RenderPage<LinkPage>();

        page.Find("#service-id").Change("4820 183 311");
        page.Find("#pin").Change("5821");
        await page.Find("[data-testid=link-submit]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.EndsWith("/usage/4820183311", Navigation.Uri));
        await using var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var link = await db.ServiceLinks.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(OwnerId, link.OwnerId);
        Assert.Equal(LinkStatus.Pending, link.Status);
        Assert.NotEqual("5821", link.ProtectedPin);
        Assert.Equal("password", page.Find("#pin").GetAttribute("type"));
        Assert.DoesNotContain("5821", page.Markup);
    }

    [Fact]
    public void Fields_CarryTheLabelsTheEndToEndTestsUse()
    {
        var page = RenderPage<LinkPage>();

        Assert.Equal("Service ID", page.Find("label[for=service-id]").TextContent.Trim());
        Assert.Equal("PIN", page.Find("label[for=pin]").TextContent.Trim());
        Assert.Equal("Link", page.Find("[data-testid=link-submit]").TextContent.Trim());
    }

    [Fact]
    public async Task Enter_SubmitsTheForm_ThroughItsOnlySubmitButton()
    {
        var page = RenderPage<LinkPage>();
        // Browsers submit on Enter through the form's first submit button; a disabled one (MudForm's
        // implicit-submission blocker) would swallow it, so the Link button must be the only one.
        var submits = page.FindAll("form button[type=submit]");
        Assert.Single(submits);
        Assert.Equal("link-submit", submits[0].GetAttribute("data-testid"));
        Assert.False(submits[0].HasAttribute("disabled"));

        page.Find("#service-id").Change("4820 183 311");
        page.Find("#pin").Change("5821");
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.EndsWith("/usage/4820183311", Navigation.Uri));
        await using var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await db.ServiceLinks.CountAsync(TestContext.Current.CancellationToken));
    }
}
