using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Components.Pages.Staff;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Portal.Tests.Staff;

/// <summary>The refresh capacity panel on /staff (issue 14): the figures, the staleness bars and the rate form.</summary>
public sealed class CapacityPanelTests : PortalTestContext
{
    [Fact]
    public async Task Panel_ShowsServicesAgainstCapacity_TheCycle_TheStaleness_AndFollowsTheRateStaffSet()
    {
        // Noon PDT: 700 services with a reading 1 day old, 200 of 3 days, 100 of 5 days.
        await SeedActiveAsync((700, 1), (200, 3), (100, 5));

        var panel = RenderPage<CapacityPanel>();

        // 6 a minute over 12 off-peak hours: 4,320 sends, 432 kept for new links, 3,888 refreshes: one night covers all.
        panel.WaitForAssertion(() => Assert.Equal("1000", panel.Find("[data-testid=capacity-services]").GetAttribute("data-active")));
        Assert.Equal(("3888", "1"), (panel.Find("[data-testid=capacity-services]").GetAttribute("data-nightly"),
            panel.Find("[data-testid=capacity-cycle]").GetAttribute("data-cycle-days")));
        Assert.Equal("1 day: 700 · 3 days: 200 · 5 days: 100", panel.Find("[data-testid=staleness-text]").TextContent.Trim());
        var chart = panel.Find("[data-testid=staleness-chart]");
        Assert.Equal(("6", "1000"), (chart.GetAttribute("data-bar-count"), chart.GetAttribute("data-total")));
        Assert.Contains(panel.FindAll("[data-testid=capacity-scenarios] li"), li => li.TextContent.Contains(
            "At 3 a minute: 1,944 refreshes a night, the cycle becomes 1 day.", StringComparison.Ordinal));

        // The utility cuts its limit to 1 a minute: 648 refreshes a night, a 2-day cycle; 5-day-old readings are overdue.
        panel.Find("#rate-in-force").Change("1");
        Assert.Equal("At 1 a minute: 648 refreshes a night, the cycle becomes 2 days.", panel.Find("[data-testid=rate-preview]").TextContent.Trim());
        panel.Find("[data-testid=set-rate]").Click();

        panel.WaitForAssertion(() => Assert.Equal("648", panel.Find("[data-testid=capacity-services]").GetAttribute("data-nightly")));
        Assert.Equal("2", panel.Find("[data-testid=capacity-cycle]").GetAttribute("data-cycle-days"));
        Assert.Equal("100", panel.Find("[data-testid=capacity-overdue]").GetAttribute("data-overdue"));
        Assert.Contains("Each service is refreshed at least every 2 days", panel.Find("[data-testid=capacity-cycle]").TextContent, StringComparison.Ordinal);
        await using var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, (await db.DispatchControl.SingleAsync(TestContext.Current.CancellationToken)).RequestsPerWindow);
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == AuditAction.RateLimitChanged, TestContext.Current.CancellationToken);
        Assert.Equal((OwnerId, ClientIp, "6 → 1 requests per 60 s."), (audit.ActorUserId, audit.Ip, audit.Detail));

        panel.Find("[data-testid=reset-rate]").Click();
        panel.WaitForAssertion(() => Assert.Equal("3888", panel.Find("[data-testid=capacity-services]").GetAttribute("data-nightly")));
    }

    [Fact]
    public async Task Backlog_PendingRefreshesAtNoon_DrainAfterTheEveningOpens()
    {
        var links = await SeedActiveAsync((3, 2));
        await using (var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.DataRequests.AddRange(links.Select(id => WithLink(SeedData.Request(RequestStatus.Pending, RequestKind.Refresh), id)));
            db.DataRequests.Add(WithLink(SeedData.Request(RequestStatus.Pending), links[0]));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var panel = RenderPage<CapacityPanel>();

        // 12 March 2026 is PDT: 18:00 local is 01:00 UTC on the 13th; the three refreshes fit in its first minute.
        panel.WaitForAssertion(() => Assert.Equal("3", panel.Find("[data-testid=capacity-backlog]").GetAttribute("data-refreshes")));
        Assert.Equal(("1", "2026-03-13T01:00:00.0000000+00:00"), (panel.Find("[data-testid=capacity-backlog]").GetAttribute("data-new-links"),
            panel.Find("[data-testid=capacity-backlog]").GetAttribute("data-drains-at")));
        Assert.Contains("Mar 12, 2026, 6:00 PM", panel.Find("[data-testid=capacity-backlog]").TextContent, StringComparison.Ordinal);
    }

    private static DataRequest WithLink(DataRequest request, int linkId)
    {
        request.LinkId = linkId;
        return request;
    }

    private async Task<List<int>> SeedActiveAsync(params (int Count, int DaysOld)[] groups)
    {
        await using var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var now = Clock.GetUtcNow();
        var links = groups.SelectMany(g => Enumerable.Range(0, g.Count).Select(_ => g.DaysOld))
            .Select((days, i) => new ServiceLink
            {
                OwnerId = OwnerId,
                ServiceId = (5_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Status = LinkStatus.Active,
                LastCompleteReadingAt = now.AddDays(-days).AddHours(-2),
                CreatedAt = now,
                StatusChangedAt = now,
            }).ToList();
        db.ServiceLinks.AddRange(links);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return links.Select(l => l.Id).ToList();
    }
}
