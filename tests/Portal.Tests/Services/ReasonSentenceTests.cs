using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using GbcPortal.Portal.Components.Pages.Services;
using GbcPortal.Portal.Components.Pages.Staff;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Portal.Tests.Services;

/// <summary>A stored reason code reads the same on the customer's card and on staff's page of the service (the emails: ServiceNoticeTests).</summary>
public sealed class ReasonSentenceTests : PortalTestContext
{
    [Theory]
    [InlineData(LinkStatus.PinNotAccepted, ReasonCode.PinNotAccepted)]
    [InlineData(LinkStatus.PinNotAccepted, ReasonCode.PinUnreadable)]
    [InlineData(LinkStatus.AccessRevoked, ReasonCode.AccessRevoked)]
    [InlineData(LinkStatus.Inactive, ReasonCode.ServiceInactive)]
    [InlineData(LinkStatus.Rejected, ReasonCode.UnknownServiceId)]
    [InlineData(LinkStatus.Refused, ReasonCode.RefusedByStaff)]
    public async Task TheCard_AndStaffsPage_SayTheCodesSentence_AndOnlyStaffReadTheUtilitysWords(LinkStatus status, ReasonCode code)
    {
        var link = await SeedData.LinkAsync(Db, OwnerId, "1000000001", status,
            SeedData.Request(RequestStatus.Failed, reason: code, utilityMessage: "Said in the utility's words"));
        await using (var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.ServiceLinks.Where(l => l.Id == link.Id).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.StatusReason, code).SetProperty(l => l.UtilityMessage, "Said in the utility's words"), TestContext.Current.CancellationToken);
        }

        var sentence = StatusSentences.For(code);
        var services = RenderPage<ServicesPage>();
        services.WaitForAssertion(() => Assert.Equal(sentence,
            services.Find("[data-testid=service-card][data-service-id='1000000001'] [data-testid=status-text]").TextContent.Trim()));
        Assert.DoesNotContain("Said in the utility's words", services.Find("[data-testid=service-card]").TextContent, StringComparison.Ordinal);

        var staff = Render<ServiceDetailPage>(p => p.Add(c => c.LinkId, link.Id));
        staff.WaitForAssertion(() => Assert.Contains($"{status}: {sentence} The utility said: “Said in the utility's words”",
            staff.Find("[data-testid=service-summary]").TextContent, StringComparison.Ordinal));
        Assert.Contains($"{sentence} The utility said: “Said in the utility's words”",
            staff.Find("[data-testid=service-requests]").TextContent, StringComparison.Ordinal);
    }
}
