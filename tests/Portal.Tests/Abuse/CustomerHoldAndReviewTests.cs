using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using GbcPortal.Portal.Components.Pages.Link;
using GbcPortal.Portal.Components.Pages.Services;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Portal.Tests.Abuse;

/// <summary>What a customer reads when a link waits for staff, is shared, is held after wrong PINs or over the limit.</summary>
public sealed class CustomerHoldAndReviewTests : PortalTestContext
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_link_under_review_says_so_and_the_earlier_account_is_told_on_its_card()
    {
        var held = await SeedData.LinkAsync(Db, OwnerId, "1000000001", LinkStatus.Pending, SeedData.Request(RequestStatus.Pending, RequestKind.Verify));
        var shared = await SeedData.LinkAsync(Db, OwnerId, "1000000002", LinkStatus.Active, SeedData.Request(RequestStatus.Complete));
        await using (var db = await Db.CreateDbContextAsync(Ct))
        {
            await db.ServiceLinks.Where(l => l.Id == held.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.NeedsReview, true)
                .SetProperty(l => l.ReviewReason, ReviewReasons.SharedServiceId), Ct);
            await db.ServiceLinks.Where(l => l.Id == shared.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.SharedNoticeAt,
                new DateTimeOffset(2026, 3, 10, 20, 0, 0, TimeSpan.Zero)), Ct);
        }

        var page = RenderPage<ServicesPage>();

        var review = page.WaitForElement("[data-testid=service-card][data-service-id='1000000001']");
        Assert.Equal("UnderReview", review.QuerySelector("[data-testid=status-chip]")!.GetAttribute("data-status"));
        Assert.Equal("Under review", review.QuerySelector("[data-testid=status-chip]")!.TextContent.Trim());
        Assert.Equal(StatusSentences.ForReview(ReviewReasons.SharedServiceId), review.QuerySelector("[data-testid=status-text]")!.TextContent.Trim());
        var earlier = page.Find("[data-testid=service-card][data-service-id='1000000002']");
        Assert.Equal("Complete", earlier.QuerySelector("[data-testid=status-chip]")!.GetAttribute("data-status"));
        Assert.StartsWith("Another account linked this Service ID on 10 March 2026.",
            earlier.QuerySelector("[data-testid=service-notice]")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_PIN_card_says_until_when_new_attempts_are_held()
    {
        await SeedData.LinkAsync(Db, OwnerId, "1000000004", LinkStatus.PinNotAccepted, SeedData.Request(RequestStatus.Paused, RequestKind.Verify));
        await using (var db = await Db.CreateDbContextAsync(Ct))
        {
            db.LinkHolds.Add(new LinkHold
            {
                Scope = HoldScope.ServiceId,
                ServiceId = "1000000004",
                OwnerId = OwnerId,
                Refusals = 3,
                PlacedAt = Clock.GetUtcNow(),
                Until = Clock.GetUtcNow().AddHours(24),
            });
            await db.SaveChangesAsync(Ct);
        }

        var page = RenderPage<ServicesPage>();

        var notice = page.WaitForElement("[data-testid=service-card][data-service-id='1000000004'] [data-testid=service-notice]");
        // Held for 24 hours from 19:00 UTC on 12 March 2026: noon Pacific on 13 March.
        Assert.Contains("until 13 March 2026, 12:00 PM (Pacific time)", notice.TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=update-pin]"));
    }

    [Fact]
    public async Task Linking_over_the_accounts_limit_says_so_and_links_nothing()
    {
        for (var i = 0; i < 10; i++)
        {
            await SeedData.LinkAsync(Db, OwnerId, $"30000000{i:D2}", LinkStatus.Active);
        }

        var page = RenderPage<LinkPage>();
        page.Find("#service-id").Change("4820183311");
        page.Find("#pin").Change("5821");
        await page.Find("[data-testid=link-submit]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(LinkMessages.TooManyLinks(10), page.Find("[data-testid=link-error]").TextContent.Trim()));
        // The PIN field is emptied on purpose: the message says what happened, not "Enter the PIN".
        page.WaitForAssertion(() => Assert.DoesNotContain("Enter the PIN.", page.Markup, StringComparison.Ordinal));
        await using var db = await Db.CreateDbContextAsync(Ct);
        Assert.False(await db.ServiceLinks.AnyAsync(l => l.ServiceId == "4820183311", Ct));
        var audit = await db.AuditEvents.SingleAsync(Ct);
        Assert.Equal((AuditAction.LinkRefusedByPortal, OwnerId, ClientIp), (audit.Action, audit.ActorUserId, audit.Ip));
    }

    [Fact]
    public async Task Linking_a_Service_ID_live_on_another_account_lands_on_the_services_page_under_review()
    {
        await SeedData.LinkAsync(Db, OtherOwnerId, "4820183311", LinkStatus.Active);

        var page = RenderPage<LinkPage>();
        page.Find("#service-id").Change("4820183311");
        page.Find("#pin").Change("5821");
        await page.Find("[data-testid=link-submit]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.EndsWith("/services", Navigation.Uri));
        await using var db = await Db.CreateDbContextAsync(Ct);
        var link = await db.ServiceLinks.SingleAsync(l => l.OwnerId == OwnerId, Ct);
        Assert.True(link.NeedsReview);
        var audit = await db.AuditEvents.SingleAsync(Ct);
        Assert.Equal((AuditAction.Linked, "4820183311", ClientIp), (audit.Action, audit.ServiceId, audit.Ip));
        Assert.DoesNotContain("5821", audit.Detail ?? "", StringComparison.Ordinal);
    }
}
