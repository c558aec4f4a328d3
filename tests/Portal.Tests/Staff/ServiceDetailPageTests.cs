using GbcPortal.Core.Audit;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using GbcPortal.Portal.Components.Pages.Staff;
using GbcPortal.Portal.Jobs;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Portal.Tests.Staff;

public sealed class ServiceDetailPageTests : PortalTestContext
{
    [Fact]
    public async Task TheService_ShowsItsOwner_EveryRequestWithItsTimes_ItsCallbacks_AndItsCoverage()
    {
        var (link, inboxId) = await ServiceWithACallbackAsync();

        var page = RenderPage<ServiceDetailPage>(p => p.Add(c => c.LinkId, link.Id));

        page.WaitForAssertion(() => Assert.Equal("customer@example.test", page.Find("[data-testid=service-owner]").TextContent));
        Assert.Equal("Active", page.Find("[data-testid=service-summary]").GetAttribute("data-status"));
        Assert.Equal(2, page.FindAll("[data-testid=service-requests] tbody tr").Count);
        Assert.Contains(StatusSentences.For(ReasonCode.TimeoutGaveUp), page.Find("[data-testid=service-requests]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Created Mar 12, 2026", page.Find("[data-testid=service-requests]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Failed", page.Find($"[data-testid=callback-state-{inboxId}]").GetAttribute("data-state"));
        // The sentence from the one table, the parser's own words inside it.
        Assert.Contains(StatusSentences.For(CallbackProblem.Malformed, "Unexpected end of file at line 1.", null)!,
            page.Find("[data-testid=service-callbacks]").TextContent, StringComparison.Ordinal);
        Assert.Equal("2", page.Find("[data-testid=coverage-bar]").GetAttribute("data-total"));
    }

    [Fact]
    public async Task Replay_QueuesTheIngestReplayJob_AndIsAudited()
    {
        var (link, inboxId) = await ServiceWithACallbackAsync();
        var page = RenderPage<ServiceDetailPage>(p => p.Add(c => c.LinkId, link.Id));

        await page.WaitForElement($"[data-testid=replay-{inboxId}]").ClickAsync(new());

        var job = Assert.Single(JobStorage.GetMonitoringApi().EnqueuedJobs("default", 0, 10)).Value.Job;
        Assert.Equal((typeof(IngestJob), nameof(IngestJob.ReplayAsync), (object)inboxId), (job.Type, job.Method.Name, job.Args[0]));
        await using var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var audit = await db.AuditEvents.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((AuditAction.CallbackReplayed, "1000000001", ClientIp), (audit.Action, audit.ServiceId, audit.Ip));
    }

    [Fact]
    public async Task Retry_PutsTheFailedRequestBackToPending()
    {
        var (link, _) = await ServiceWithACallbackAsync();
        var failed = link.Requests.Single(r => r.Status == RequestStatus.Failed).Id;
        var page = RenderPage<ServiceDetailPage>(p => p.Add(c => c.LinkId, link.Id));

        await page.WaitForElement($"[data-testid=retry-{failed}]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Pending", page.Find($"[data-testid=request-status-{failed}]").GetAttribute("data-status")));
        Assert.Empty(page.FindAll($"[data-testid=retry-{failed}]"));
    }

    [Fact]
    public async Task AWindowOverTheProtocolsLimit_IsRefusedOnThePage_AShorterOneIsQueued()
    {
        var (link, _) = await ServiceWithACallbackAsync();
        var page = RenderPage<ServiceDetailPage>(p => p.Add(c => c.LinkId, link.Id));
        page.WaitForElement("#window-from");

        page.Find("#window-from").Change("2025-06-01");
        page.Find("#window-to").Change("2026-03-01");
        page.Find("form[aria-label='Ask for a window again']").Submit();

        page.WaitForAssertion(() => Assert.Contains("the utility accepts at most 185 days", page.Find("[data-testid=window-error]").TextContent, StringComparison.Ordinal));

        page.Find("#window-from").Change("2026-03-01");
        page.Find("#window-to").Change("2026-03-07");
        page.Find("form[aria-label='Ask for a window again']").Submit();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=service-requests] tbody tr").Count));
        Assert.Empty(page.FindAll("[data-testid=window-error]"));
        await using var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var added = await db.DataRequests.OrderBy(r => r.Id).LastAsync(TestContext.Current.CancellationToken);
        Assert.Equal((DateTimeOffset.Parse("2026-03-01T08:00:00Z"), DateTimeOffset.Parse("2026-03-08T08:00:00Z")), (added.WindowStart, added.WindowEnd));
    }

    [Fact]
    public async Task AnUnlinkedService_OffersNoNewWindow()
    {
        var link = await SeedData.LinkAsync(Db, OwnerId, "1000000001", LinkStatus.Unlinked);

        var page = RenderPage<ServiceDetailPage>(p => p.Add(c => c.LinkId, link.Id));

        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=request-window]").HasAttribute("disabled")));
    }

    [Fact]
    public void AnUnknownService_SaysThereIsNone()
    {
        var page = RenderPage<ServiceDetailPage>(p => p.Add(c => c.LinkId, 4242));

        page.WaitForAssertion(() => Assert.Contains("There is no service 4242", page.Find("[data-testid=service-missing]").TextContent, StringComparison.Ordinal));
    }

    private async Task<(ServiceLink Link, int InboxId)> ServiceWithACallbackAsync()
    {
        var link = await SeedData.LinkAsync(Db, OwnerId, "1000000001", LinkStatus.Active,
            SeedData.Request(RequestStatus.Complete), SeedData.Request(RequestStatus.Failed, reason: ReasonCode.TimeoutGaveUp));
        await using var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var inbox = new CallbackInbox
        {
            DataRequestId = link.Requests[0].Id,
            RequestId = link.Requests[0].RequestId,
            Body = "<feed"u8.ToArray(),
            ReceivedAt = Clock.GetUtcNow(),
            State = InboxState.Failed,
            Problem = CallbackProblem.Malformed,
            Detail = "Unexpected end of file at line 1.",
            Attempts = 1,
        };
        db.CallbackInbox.Add(inbox);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (link, inbox.Id);
    }
}
