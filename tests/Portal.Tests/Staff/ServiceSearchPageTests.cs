using GbcPortal.Portal.Components.Pages.Staff;

namespace GbcPortal.Portal.Tests.Staff;

public sealed class ServiceSearchPageTests : PortalTestContext
{
    [Fact]
    public async Task AQueryInTheAddress_ListsWhatMatches_EachRowOpeningItsServicePage()
    {
        var link = await SeedData.LinkAsync(Db, OwnerId, "1000000001");
        await SeedData.LinkAsync(Db, OtherOwnerId, "1000000002");
        Navigation.NavigateTo("staff/services?q=1000000001");

        var page = RenderPage<ServiceSearchPage>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=search-count]").GetAttribute("data-total")));
        var row = Assert.Single(page.FindAll("[data-testid=search-results] tbody tr"));
        Assert.Contains("customer@example.test", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"staff/services/{link.Id}", page.Find($"[data-testid=service-{link.Id}]").GetAttribute("href"));
        Assert.Equal("1000000001", page.Find("#service-search").GetAttribute("value"));
        // Before the circuit is live the form is the browser's GET: the field must carry the query's name.
        Assert.Equal("q", page.Find("#service-search").GetAttribute("name"));
    }

    [Fact]
    public async Task Search_PutsTheQueryInTheAddress_AndAnEmailStartFindsTheAccount()
    {
        await SeedData.LinkAsync(Db, OtherOwnerId, "1000000002");
        Navigation.NavigateTo("staff/services");
        var page = RenderPage<ServiceSearchPage>();
        Assert.Empty(page.FindAll("[data-testid=search-results]"));

        page.Find("#service-search").Change("OTHER@");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.EndsWith("staff/services?q=OTHER%40", Navigation.Uri, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Contains("1000000002", page.Find("[data-testid=search-results]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManyMatches_ComeInPages_WithAPager()
    {
        await SeedData.LinkAsync(Db, OwnerId, "1000000001");
        for (var i = 0; i < 24; i++)
            await SeedData.LinkAsync(Db, OtherOwnerId, $"20000000{i:D2}");
        Navigation.NavigateTo("staff/services?q=2&page=2");

        var page = RenderPage<ServiceSearchPage>();

        page.WaitForAssertion(() => Assert.Equal("24", page.Find("[data-testid=search-count]").GetAttribute("data-total")));
        Assert.Equal(4, page.FindAll("[data-testid=search-results] tbody tr").Count);
        Assert.NotEmpty(page.FindAll("[data-testid=search-pages]"));
    }

    [Fact]
    public void NothingMatching_SaysSo()
    {
        Navigation.NavigateTo("staff/services?q=nobody");

        var page = RenderPage<ServiceSearchPage>();

        page.WaitForAssertion(() => Assert.Contains("Nothing matches “nobody”.", page.Find("[data-testid=search-count]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=search-pages]"));
    }
}
