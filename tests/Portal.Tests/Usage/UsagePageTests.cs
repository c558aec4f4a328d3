using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Portal.Components.Pages.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        Assert.Equal("usage/1000000001/download-history.xml", page.Find("[data-testid=download-history-xml]").GetAttribute("href"));
        Assert.Equal("usage/1000000001/download-history.csv", page.Find("[data-testid=download-history-csv]").GetAttribute("href"));
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

    [Fact]
    public async Task Comparisons_ReadWithASpace_AndAMissingDayIsNoData()
    {
        var link = await SeedData.LinkAsync(Db, OwnerId, "1000000001");
        // Mar 8 (23 h) and Mar 9 (24 h) at 1 kWh per hour; nothing a year before.
        await SeedData.QuarterHoursAsync(Db, link.Id, Mar8, Mar8.AddHours(47), 250);
        Navigation.NavigateTo("usage/1000000001?view=day&date=2026-03-09");

        var page = RenderPage<UsagePage>(p => p.Add(c => c.ServiceId, "1000000001"));

        page.WaitForAssertion(() => Assert.Equal("24", page.Find("[data-testid=total-delivered]").GetAttribute("data-kwh")));
        var previous = page.Find("[data-testid=compare-previous]").TextContent;
        Assert.Contains("the previous day: 23.00 kWh", previous);
        Assert.Contains("the same day last year: no data", page.Find("[data-testid=compare-last-year]").TextContent);
        Assert.Equal("", page.Find("[data-testid=compare-last-year]").GetAttribute("data-kwh") ?? "");
    }

    [Fact]
    public async Task YearView_ComparesWithThePreviousYearOnce()
    {
        var link = await SeedData.LinkAsync(Db, OwnerId, "1000000001");
        // 2 kWh (two hours at 1 kWh an hour) in 2025 and 1 kWh in 2026.
        var mar8Of2025 = Mar8.AddDays(-365);
        await SeedData.QuarterHoursAsync(Db, link.Id, mar8Of2025, mar8Of2025.AddHours(2), 250);
        await SeedData.QuarterHoursAsync(Db, link.Id, Mar8, Mar8.AddHours(1), 250);
        Navigation.NavigateTo("usage/1000000001?view=year&date=2026-03-08");

        var page = RenderPage<UsagePage>(p => p.Add(c => c.ServiceId, "1000000001"));

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=total-delivered]").GetAttribute("data-kwh")));
        Assert.Contains("the previous year: 2.00 kWh", page.Find("[data-testid=compare-previous]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=compare-last-year]"));
    }

    [Fact]
    public async Task LinksInText_AreAlwaysUnderlined()
    {
        await SeedData.LinkAsync(Db, OwnerId, "1000000001");
        Navigation.NavigateTo("usage/1000000001?view=day&date=2026-03-09");

        var page = RenderPage<UsagePage>(p => p.Add(c => c.ServiceId, "1000000001"));

        page.WaitForAssertion(() => page.Find("[data-testid=no-data]"));
        var links = page.FindAll("a.mud-link");
        Assert.NotEmpty(links);
        Assert.All(links, a => Assert.Contains("mud-link-underline-always", a.ClassList));
    }

    [Fact]
    public async Task EmptyPeriod_ShowsACalmNote_InsteadOfAnEmptyChart()
    {
        await SeedData.LinkAsync(Db, OwnerId, "1000000001");
        Navigation.NavigateTo("usage/1000000001?view=day&date=2026-03-09");

        var page = RenderPage<UsagePage>(p => p.Add(c => c.ServiceId, "1000000001"));

        page.WaitForAssertion(() => Assert.Contains("No usage yet for this period", page.Find("[data-testid=no-data]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=usage-chart]"));
    }

    [Fact]
    public async Task OpenedWhilePending_MovesToTheLatestDayWithData_WhenItArrives()
    {
        var link = await SeedData.LinkAsync(Db, OwnerId, "1000000001", LinkStatus.Pending, SeedData.Request(RequestStatus.Submitted));
        Navigation.NavigateTo("usage/1000000001");
        var page = RenderPage<UsagePage>(p => p.Add(c => c.ServiceId, "1000000001"));
        // The clock says noon on March 12 in Los Angeles and nothing has arrived.
        page.WaitForAssertion(() => Assert.Equal("Thursday, March 12, 2026", page.Find("[data-testid=period-label]").TextContent.Trim()));
        page.Find("[data-testid=no-data]");

        await ArriveAsync(link.Id);

        // Covered up to Mar 11 00:00 PDT, so the latest day with data is March 10.
        page.WaitForAssertion(() => Assert.Equal("Tuesday, March 10, 2026", page.Find("[data-testid=period-label]").TextContent.Trim()));
        Assert.Equal("24", page.Find("[data-testid=total-delivered]").GetAttribute("data-kwh"));
        Assert.Equal("96", page.Find("[data-testid=usage-chart]").GetAttribute("data-bucket-count"));
    }

    [Fact]
    public async Task ADayTheUserPicked_StaysPut_WhenDataArrives()
    {
        var link = await SeedData.LinkAsync(Db, OwnerId, "1000000001", LinkStatus.Pending, SeedData.Request(RequestStatus.Submitted));
        Navigation.NavigateTo("usage/1000000001?view=day&date=2026-03-12");
        var page = RenderPage<UsagePage>(p => p.Add(c => c.ServiceId, "1000000001"));
        page.WaitForAssertion(() => page.Find("[data-testid=no-data]"));

        await ArriveAsync(link.Id);

        page.WaitForAssertion(() => Assert.Contains("Complete", page.Find("[data-testid=status-chip]").TextContent));
        Assert.Equal("Thursday, March 12, 2026", page.Find("[data-testid=period-label]").TextContent.Trim());
        page.Find("[data-testid=no-data]");
    }

    // What ingest leaves behind: Mar 10 (PDT, 24 hours at 1 kWh) stored, the link covered to its end.
    private async Task ArriveAsync(int linkId)
    {
        var mar10 = new DateTimeOffset(2026, 3, 10, 7, 0, 0, TimeSpan.Zero);
        await SeedData.QuarterHoursAsync(Db, linkId, mar10, mar10.AddDays(1), 250);
        await using (var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var link = await db.ServiceLinks.Include(l => l.Requests).SingleAsync(l => l.Id == linkId, TestContext.Current.CancellationToken);
            link.Status = LinkStatus.Active;
            link.Requests.ForEach(r => r.Status = RequestStatus.Complete);
            link.CoveredFrom = mar10;
            link.CoveredTo = mar10.AddDays(1);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        Services.GetRequiredService<RequestStatusNotifier>().Notify(new RequestStatusChange(linkId));
    }
}
