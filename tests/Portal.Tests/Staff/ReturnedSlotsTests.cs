using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Components.Pages.Staff;

namespace GbcPortal.Portal.Tests.Staff;

/// <summary>Slots spent on requests that never left (an instance killed after its claim) are counted where staff look.</summary>
public sealed class ReturnedSlotsTests : PortalTestContext
{
    [Fact]
    public async Task The_budget_panel_counts_slots_returned_unsent_in_the_last_hour()
    {
        await using (var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var now = Clock.GetUtcNow();
            db.RateSlots.AddRange(
                new RateSlot { TakenAt = now.AddMinutes(-5) },
                new RateSlot { TakenAt = now.AddMinutes(-4), ReturnedAt = now.AddMinutes(-4) },
                new RateSlot { TakenAt = now.AddMinutes(-90), ReturnedAt = now.AddMinutes(-90) });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = RenderPage<StaffPage>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=budget]").GetAttribute("data-returned-last-hour")));
        Assert.Equal("1", page.Find("[data-testid=budget]").GetAttribute("data-used-last-hour"));
        Assert.Contains("1 returned unsent", page.Find("[data-testid=budget]").TextContent, StringComparison.Ordinal);
    }
}
