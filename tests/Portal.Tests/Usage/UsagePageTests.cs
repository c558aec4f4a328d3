using GbcPortal.Portal.Components.Pages.Usage;

namespace GbcPortal.Portal.Tests.Usage;

public sealed class UsagePageTests : PortalTestContext
{
    // 2026-03-08 is the 23-hour spring-forward day in Los Angeles: 00:00 PST is 08:00 UTC.
    private static readonly DateTimeOffset Mar8 = new(2026, 3, 8, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DayView_Sends92QuarterHours_AndTheTotalsOfThatDay()
    {
        var link = await SeedData.LinkAsync(Db, OwnerId, "1000000001");
        await SeedData.QuarterHoursAsync(Db, link.Id, Mar8, Mar8.AddHours(23), 250);
        Navigation.NavigateTo("usage/1000000001?view=day&date=2026-03-08");

        var page = RenderPage<UsagePage>(p => p.Add(c => c.ServiceId, "1000000001"));

        page.WaitForAssertion(() => Assert.Equal("92", page.Find("[data-testid=usage-chart]").GetAttribute("data-bucket-count")));
        Assert.Equal("23", page.Find("[data-testid=usage-chart]").GetAttribute("data-total-delivered-kwh"));
        Assert.Equal("23", page.Find("[data-testid=total-delivered]").GetAttribute("data-kwh"));
        Assert.Equal("Sunday, March 8, 2026", page.Find("[data-testid=period-label]").TextContent.Trim());
        Assert.Contains("view=day&date=2026-03-08", page.Find("[data-testid=download-csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task PreviousAndWeek_NavigateWithTheQueryString()
    {
        var link = await SeedData.LinkAsync(Db, OwnerId, "1000000001");
        await SeedData.QuarterHoursAsync(Db, link.Id, Mar8, Mar8.AddDays(7).AddHours(-1), 250);
        Navigation.NavigateTo("usage/1000000001?view=day&date=2026-03-10");
        var page = RenderPage<UsagePage>(p => p.Add(c => c.ServiceId, "1000000001"));
        page.WaitForAssertion(() => page.Find("[data-testid=usage-chart]"));

        await page.Find("[data-testid=previous]").ClickAsync(new());
        Assert.EndsWith("view=day&date=2026-03-09", Navigation.Uri);

        await page.Find("[data-testid=view-week]").ClickAsync(new());
        Assert.EndsWith("view=week&date=2026-03-09", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal("7", page.Find("[data-testid=usage-chart]").GetAttribute("data-bucket-count")));
        // 23 hours on Sunday, then six days of 24 hours, at 1 kWh per hour.
        Assert.Equal("167", page.Find("[data-testid=total-delivered]").GetAttribute("data-kwh"));
        Assert.Equal("Week of March 8, 2026", page.Find("[data-testid=period-label]").TextContent.Trim());
    }

    [Fact]
    public async Task Today_IsTheServiceLocalDate_AndNextStopsAtNow()
    {
        await SeedData.LinkAsync(Db, OwnerId, "1000000001");
        Navigation.NavigateTo("usage/1000000001?view=month&date=2026-01-15");
        var page = RenderPage<UsagePage>(p => p.Add(c => c.ServiceId, "1000000001"));
        page.WaitForAssertion(() => page.Find("[data-testid=no-data]"));

        await page.Find("[data-testid=today]").ClickAsync(new());

        Assert.EndsWith("view=month&date=2026-03-12", Navigation.Uri);
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=next]").HasAttribute("disabled")));
    }

    [Fact]
    public async Task AnotherCustomersService_IsNotShown()
    {
        var link = await SeedData.LinkAsync(Db, OtherOwnerId, "2000000002");
        await SeedData.QuarterHoursAsync(Db, link.Id, Mar8, Mar8.AddHours(23), 250);
        Navigation.NavigateTo("usage/2000000002?view=day&date=2026-03-08");

        var page = RenderPage<UsagePage>(p => p.Add(c => c.ServiceId, "2000000002"));

        page.WaitForAssertion(() => page.Find("[data-testid=usage-not-found]"));
        Assert.Empty(page.FindAll("[data-testid=usage-chart]"));
    }
}
