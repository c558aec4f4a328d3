using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Components.Pages.Staff;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Portal.Tests.Abuse;

/// <summary>The staff side: holds to lift, links to review, the budget's split, the link limit, the audit log.</summary>
public sealed class StaffAbusePanelsTests : PortalTestContext
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_hold_is_listed_and_lifting_it_ends_it_and_is_audited()
    {
        int holdId;
        await using (var db = await Db.CreateDbContextAsync(Ct))
        {
            var hold = new LinkHold
            {
                Scope = HoldScope.ServiceId,
                ServiceId = "1000000004",
                OwnerId = OtherOwnerId,
                Refusals = 3,
                PlacedAt = Clock.GetUtcNow().AddHours(-1),
                Until = Clock.GetUtcNow().AddHours(23),
            };
            db.LinkHolds.Add(hold);
            await db.SaveChangesAsync(Ct);
            holdId = hold.Id;
        }

        var page = RenderPage<StaffPage>();
        var row = page.WaitForElement("[data-testid=holds] tbody tr");
        Assert.Contains("Service ID 1000000004", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("other@example.test", row.TextContent, StringComparison.Ordinal);
        await page.Find($"[data-testid=lift-{holdId}]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("No holds.", page.Find("[data-testid=holds]").TextContent, StringComparison.Ordinal));
        await using var read = await Db.CreateDbContextAsync(Ct);
        Assert.Equal(OwnerId, (await read.LinkHolds.SingleAsync(Ct)).LiftedByUserId);
        var audit = await read.AuditEvents.SingleAsync(Ct);
        Assert.Equal((AuditAction.HoldLifted, OwnerId, OtherOwnerId, "1000000004", ClientIp),
            (audit.Action, audit.ActorUserId, audit.AccountId, audit.ServiceId, audit.Ip));
    }

    [Fact]
    public async Task A_link_under_review_is_listed_with_the_other_account_and_refusing_it_ends_it()
    {
        await SeedData.LinkAsync(Db, OwnerId, "1000000001", LinkStatus.Active);
        var held = await SeedData.LinkAsync(Db, OtherOwnerId, "1000000001", LinkStatus.Pending, SeedData.Request(RequestStatus.Pending, RequestKind.Verify));
        await using (var db = await Db.CreateDbContextAsync(Ct))
        {
            await db.ServiceLinks.Where(l => l.Id == held.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.NeedsReview, true)
                .SetProperty(l => l.ReviewReason, ReviewReasons.SharedServiceId), Ct);
        }

        var page = RenderPage<StaffPage>();
        var row = page.WaitForElement("[data-testid=reviews] tbody tr");
        Assert.Contains("other@example.test", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Linked by another account", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("customer@example.test (Active)", row.TextContent, StringComparison.Ordinal);
        await page.Find($"[data-testid=decide-refuse-{held.Id}]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("No links waiting.", page.Find("[data-testid=reviews]").TextContent, StringComparison.Ordinal));
        await using var read = await Db.CreateDbContextAsync(Ct);
        var refused = await read.ServiceLinks.Include(l => l.Requests).SingleAsync(l => l.Id == held.Id, Ct);
        Assert.Equal(LinkStatus.Refused, refused.Status);
        Assert.All(refused.Requests, r => Assert.Equal(RequestStatus.Cancelled, r.Status));
        Assert.Equal(AuditAction.ReviewDecided, (await read.AuditEvents.SingleAsync(Ct)).Action);
    }

    [Fact]
    public async Task The_traffic_panel_splits_the_last_hour_and_day_by_kind_resends_included_and_names_the_busiest_account()
    {
        var now = Clock.GetUtcNow();
        var mine = await SeedData.LinkAsync(Db, OwnerId, "1000000001", LinkStatus.Active,
            SeedData.Request(RequestStatus.Submitted, RequestKind.Verify), SeedData.Request(RequestStatus.Submitted, RequestKind.Backfill),
            SeedData.Request(RequestStatus.Submitted, RequestKind.Refresh));
        var theirs = await SeedData.LinkAsync(Db, OtherOwnerId, "1000000002", LinkStatus.Active, SeedData.Request(RequestStatus.Submitted, RequestKind.Verify));
        await using (var db = await Db.CreateDbContextAsync(Ct))
        {
            var ids = await db.DataRequests.ToDictionaryAsync(r => (r.LinkId, r.Kind), r => r.Id, Ct);
            // As RateBudget takes them: the slot carries its request's kind and owner.
            RateSlot Slot(int linkId, RequestKind kind, TimeSpan ago) => new()
            {
                DataRequestId = ids[(linkId, kind)], Kind = kind, OwnerId = linkId == mine.Id ? OwnerId : OtherOwnerId, TakenAt = now - ago,
            };
            db.RateSlots.AddRange(
                Slot(mine.Id, RequestKind.Verify, TimeSpan.FromMinutes(5)),
                Slot(mine.Id, RequestKind.Verify, TimeSpan.FromMinutes(50)), // sent again after a 503
                Slot(mine.Id, RequestKind.Backfill, TimeSpan.FromHours(3)),
                Slot(mine.Id, RequestKind.Refresh, TimeSpan.FromHours(30)), // older than a day
                Slot(theirs.Id, RequestKind.Verify, TimeSpan.FromHours(2)));
            await db.SaveChangesAsync(Ct);
        }

        var page = RenderPage<StaffPage>();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=sent-hour-verify]").TextContent.Trim()));
        Assert.Equal("3", page.Find("[data-testid=sent-day-verify]").TextContent.Trim());
        Assert.Equal("0", page.Find("[data-testid=sent-hour-backfill]").TextContent.Trim());
        Assert.Equal("1", page.Find("[data-testid=sent-day-backfill]").TextContent.Trim());
        Assert.Equal("0", page.Find("[data-testid=sent-day-refresh]").TextContent.Trim());
        var accounts = page.FindAll("[data-testid=traffic-accounts] tbody tr");
        Assert.Equal(2, accounts.Count);
        Assert.StartsWith("customer@example.test", accounts[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("1 of 10", accounts[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_raise_one_accounts_link_limit_by_email()
    {
        var page = RenderPage<StaffPage>();
        page.WaitForElement("#limit-email").Change("Other@Example.test");
        page.Find("#limit-value").Change("25");
        await page.Find("[data-testid=save-limit]").ClickAsync(new());

        await using var read = await Db.CreateDbContextAsync(Ct);
        page.WaitForAssertion(() => Assert.Equal(25, read.Users.AsNoTracking().Single(u => u.Id == OtherOwnerId).MaxLiveLinks));
        Assert.Equal(AuditAction.LinkLimitChanged, (await read.AuditEvents.SingleAsync(Ct)).Action);
    }

    [Fact]
    public async Task Pausing_and_resuming_dispatch_are_audited_with_who_and_from_where()
    {
        var page = RenderPage<StaffPage>();
        await page.WaitForElement("[data-testid=pause-dispatch]").ClickAsync(new());
        await page.WaitForElement("[data-testid=resume-dispatch]").ClickAsync(new());

        await using var read = await Db.CreateDbContextAsync(Ct);
        var events = await read.AuditEvents.OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal([AuditAction.DispatchPaused, AuditAction.DispatchResumed], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal((OwnerId, ClientIp), (e.ActorUserId, e.Ip)));
    }

    [Fact]
    public async Task The_audit_page_filters_by_Service_ID_action_and_account_from_its_address()
    {
        await using (var db = await Db.CreateDbContextAsync(Ct))
        {
            var at = Clock.GetUtcNow();
            db.AuditEvents.AddRange(
                new AuditEvent { At = at, Action = AuditAction.Linked, ActorUserId = OwnerId, AccountId = OwnerId, ServiceId = "1000000001", Ip = "10.1.1.1" },
                new AuditEvent { At = at, Action = AuditAction.HoldPlaced, AccountId = OtherOwnerId, ServiceId = "1000000004" },
                new AuditEvent { At = at, Action = AuditAction.Linked, ActorUserId = OtherOwnerId, AccountId = OtherOwnerId, ServiceId = "1000000004" });
            await db.SaveChangesAsync(Ct);
        }

        Navigation.NavigateTo("staff/audit?serviceId=1000000004");
        var page = RenderPage<AuditPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=audit-events] tbody tr").Count));
        Assert.Contains("the portal", page.Find("[data-testid=audit-events] tbody").TextContent, StringComparison.Ordinal);

        Navigation.NavigateTo("staff/audit?serviceId=1000000004&action=Linked");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=audit-events] tbody tr")));

        Navigation.NavigateTo("staff/audit?account=customer@");
        page.WaitForAssertion(() =>
        {
            var row = Assert.Single(page.FindAll("[data-testid=audit-events] tbody tr"));
            Assert.Contains("10.1.1.1", row.TextContent, StringComparison.Ordinal);
        });
    }
}
