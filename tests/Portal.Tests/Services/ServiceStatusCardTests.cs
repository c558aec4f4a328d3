using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using GbcPortal.Portal.Components.Pages.Services;

namespace GbcPortal.Portal.Tests.Services;

public sealed class ServiceStatusCardTests : PortalTestContext
{
    private static readonly DateTimeOffset Changed = new(2026, 3, 12, 18, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ServiceStatus.Pending, "Pending", false, false)]
    [InlineData(ServiceStatus.Submitted, "Submitted", false, false)]
    [InlineData(ServiceStatus.Complete, "Complete", false, false)]
    [InlineData(ServiceStatus.Failed, "Failed", false, false)]
    [InlineData(ServiceStatus.PinNotAccepted, "PIN not accepted", true, false)]
    [InlineData(ServiceStatus.AccessRevoked, "Access revoked", true, false)]
    [InlineData(ServiceStatus.Inactive, "Inactive", false, true)]
    [InlineData(ServiceStatus.Rejected, "Rejected", false, true)]
    public void EachStatus_IsShownInWords_WithTheActionsItNeeds(ServiceStatus status, string words, bool updatePin, bool linkNew)
    {
        var card = new ServiceCard(7, "1000000001", LinkStatus.Active, status, ReasonCode.TimeoutGaveUp, Changed, null, null, []);

        var cut = RenderPage<ServiceStatusCard>(p => p.Add(c => c.Card, card).Add(c => c.Now, Changed.AddMinutes(30)));

        var chip = cut.Find("[data-testid=status-chip]");
        Assert.Equal(words, chip.TextContent.Trim());
        Assert.Equal(status.ToString(), chip.GetAttribute("data-status"));
        Assert.Equal(updatePin, cut.FindAll("[data-testid=update-pin]").Count == 1);
        Assert.Equal(linkNew, cut.FindAll("[data-testid=link-new]").Count == 1);
        Assert.Contains("30 minutes ago", cut.Find("[data-testid=last-change]").TextContent);
        // 18:30 UTC on March 12 is 11:30 in the morning Pacific daylight time.
        Assert.Contains("Mar 12, 2026, 11:30 AM UTC−7", cut.Find("[data-testid=last-change]").TextContent);
        // The link's own statuses say their reason as the explanation; work in progress adds it below.
        var linkLevel = status is ServiceStatus.PinNotAccepted or ServiceStatus.AccessRevoked or ServiceStatus.Inactive or ServiceStatus.Rejected;
        Assert.Equal(status is ServiceStatus.Pending or ServiceStatus.Submitted or ServiceStatus.Failed,
            cut.FindAll("[data-testid=status-reason]").Count == 1);
        Assert.Equal(linkLevel, cut.Find("[data-testid=status-text]").TextContent.Trim() == StatusSentences.For(ReasonCode.TimeoutGaveUp));
    }

    [Fact]
    public void APinThatCanNoLongerBeRead_IsNotBlamedOnTheUtility()
    {
        var card = new ServiceCard(7, "1000000001", LinkStatus.PinNotAccepted, ServiceStatus.PinNotAccepted,
            ReasonCode.PinUnreadable, Changed, null, null, []);

        var cut = RenderPage<ServiceStatusCard>(p => p.Add(c => c.Card, card).Add(c => c.Now, Changed));

        Assert.Equal(StatusSentences.For(ReasonCode.PinUnreadable), cut.Find("[data-testid=status-text]").TextContent.Trim());
        Assert.DoesNotContain("utility", cut.Find("[data-testid=service-card]").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Single(cut.FindAll("[data-testid=update-pin]"));
    }

    [Fact]
    public void Coverage_ShowsTheRangeAndOneSegmentPerChunk()
    {
        var from = new DateTimeOffset(2025, 2, 1, 8, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 3, 11, 7, 0, 0, TimeSpan.Zero);
        var chunks = new[]
        {
            new CoverageChunk(to.AddDays(-7), to, RequestKind.Verify, RequestStatus.Complete),
            new CoverageChunk(to.AddDays(-185), to, RequestKind.Backfill, RequestStatus.Complete),
            new CoverageChunk(from, to.AddDays(-185), RequestKind.Backfill, RequestStatus.Submitted),
        };
        var card = new ServiceCard(7, "1000000001", LinkStatus.Active, ServiceStatus.Submitted, null, to, from, to, chunks);

        var cut = RenderPage<ServiceStatusCard>(p => p.Add(c => c.Card, card).Add(c => c.Now, to));

        Assert.Equal("Feb 1, 2025 to Mar 11, 2026", cut.Find("[data-testid=coverage]").TextContent.Trim());
        var bar = cut.Find("[data-testid=coverage-bar]");
        Assert.Equal("2", bar.GetAttribute("data-complete"));
        Assert.Equal(3, bar.Children.Length);
        Assert.Equal("chunk-submitted", bar.Children[0].ClassName); // the oldest chunk, on the left
    }

    [Fact]
    public void PinNotAccepted_SaysItOnce_WhenTheReasonIsTheSameSentence()
    {
        var card = new ServiceCard(7, "1000000001", LinkStatus.PinNotAccepted, ServiceStatus.PinNotAccepted,
            ReasonCode.PinNotAccepted, Changed, null, null, []);

        var cut = RenderPage<ServiceStatusCard>(p => p.Add(c => c.Card, card).Add(c => c.Now, Changed));

        var sentence = "The utility did not accept the PIN.";
        Assert.Equal(1, (cut.Find("[data-testid=service-card]").TextContent.Length
            - cut.Find("[data-testid=service-card]").TextContent.Replace(sentence, "").Length) / sentence.Length);
        Assert.Empty(cut.FindAll("[data-testid=status-reason]"));
    }
}
