using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using GbcPortal.Portal.Components.Pages.Staff;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GbcPortal.Portal.Hosting;
using GbcPortal.Portal.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Portal.Tests.Staff;

public sealed class StaffPageTests : PortalTestContext
{
    [Fact]
    public async Task Backlog_WithARefreshAtNoon_DrainsWhenOffPeakOpens_AndSaysSo()
    {
        // The clock is 19:00 UTC on 12 March 2026, noon PDT: off-peak opens at 18:00 PDT, 6 hours on.
        var backfills = Enumerable.Range(0, 7).Select(_ => SeedData.Request(RequestStatus.Pending));
        await SeedData.LinkAsync(Db, OwnerId, "1000000001", LinkStatus.Active,
            [.. backfills, SeedData.Request(RequestStatus.Pending, RequestKind.Refresh)]);

        var page = RenderPage<StaffPage>();

        page.WaitForAssertion(() => Assert.Equal("8", page.Find("[data-testid=backlog]").GetAttribute("data-pending")));
        Assert.Equal("21600", page.Find("[data-testid=backlog]").GetAttribute("data-drain-seconds"));
        Assert.Contains("All sent in about 6 hours at the current limit; 1 refresh waits for off-peak hours.", page.Find("[data-testid=backlog]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificates_ExpiringWithin30Days_AreWarnedAbout_OthersAreNot()
    {
        var watch = Services.GetRequiredService<CertificateWatch>();
        using var soon = SelfSigned("CN=callback", Clock.GetUtcNow().AddDays(12));
        using var later = SelfSigned("CN=client", Clock.GetUtcNow().AddDays(200));
        watch.Add("Certificates:ServerCertificate", soon);
        watch.Add("Certificates:ClientCertificate", later);

        var page = RenderPage<StaffPage>();

        var warning = page.WaitForElement("[data-testid=certificate-warning]");
        Assert.Single(page.FindAll("[data-testid=certificate-warning]"));
        Assert.Contains("Certificates:ServerCertificate (CN=callback) expires on 2026-03-24, in 12 days", warning.TextContent, StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned(string subject, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        return new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(notAfter.AddYears(-1), notAfter);
    }

    [Fact]
    public async Task APauseAfterDroppedConnections_ShowsTheAlertAndTheReason_FromTheOneTableOfSentences()
    {
        DispatchControl control;
        await using (var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            control = await db.DispatchControl.SingleAsync(TestContext.Current.CancellationToken);
            (control.Paused, control.PauseReason, control.PausedAt) = (true, DispatchReason.ConnectionsDropped, Clock.GetUtcNow());
            (control.AlertReason, control.AlertCount, control.AlertAt) = (DispatchReason.ConnectionsDropped, 3, Clock.GetUtcNow());
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = RenderPage<StaffPage>();

        var alert = page.WaitForElement("[data-testid=dispatch-alert]");
        Assert.Equal(StatusSentences.Alert(control), alert.TextContent.Trim());
        Assert.Contains("3 times in a row", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains(StatusSentences.Paused(control)!, page.Find("[data-testid=dispatch-panel]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidRequestAlert_NamesTheRequest_AndTheUtilitysOwnWords()
    {
        await using (var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var control = await db.DispatchControl.SingleAsync(TestContext.Current.CancellationToken);
            (control.AlertReason, control.AlertRequestId, control.AlertUtilityMessage, control.AlertAt) =
                (DispatchReason.InvalidRequest, 42, "windowEnd precedes windowStart", Clock.GetUtcNow());
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = RenderPage<StaffPage>();

        var alert = page.WaitForElement("[data-testid=dispatch-alert]");
        Assert.Equal("The utility called request 42 invalid. The utility said: “windowEnd precedes windowStart”", alert.TextContent.Trim());
        Assert.Equal("Running", page.Find("[data-testid=dispatch-state]").GetAttribute("data-status"));
    }

    [Fact]
    public async Task FailedCallbacks_ShowTheSentenceForTheirProblem_WithItsData()
    {
        await using (var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.CallbackInbox.Add(new CallbackInbox
            {
                RequestId = Guid.NewGuid(),
                Body = "<feed/>"u8.ToArray(),
                ReceivedAt = Clock.GetUtcNow(),
                State = InboxState.Failed,
                Problem = CallbackProblem.SeveralUsagePoints,
                Count = 3,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = RenderPage<StaffPage>();

        page.WaitForAssertion(() => Assert.Contains(StatusSentences.For(CallbackProblem.SeveralUsagePoints, null, 3)!,
            page.Find("[data-testid=failed-ingests]").TextContent, StringComparison.Ordinal));
        Assert.Contains("The feed names 3 usage points", page.Find("[data-testid=failed-ingests]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_QueuesTheIngestReplayAsAJob_ForThatCallback()
    {
        int inboxId;
        await using (var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var inbox = new CallbackInbox
            {
                RequestId = Guid.NewGuid(),
                Body = "<feed"u8.ToArray(),
                ReceivedAt = Clock.GetUtcNow(),
                State = InboxState.Failed,
                Problem = CallbackProblem.Malformed,
                Detail = "Unexpected end of file at line 1.",
            };
            db.CallbackInbox.Add(inbox);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            inboxId = inbox.Id;
        }

        var page = RenderPage<StaffPage>();
        page.WaitForElement($"[data-testid=replay-{inboxId}]").Click();

        var queued = JobStorage.GetMonitoringApi().EnqueuedJobs("default", 0, 10);
        var job = Assert.Single(queued).Value.Job;
        Assert.Equal((typeof(IngestJob), nameof(IngestJob.ReplayAsync)), (job.Type, job.Method.Name));
        Assert.Equal(inboxId, job.Args[0]);
    }

    [Fact]
    public async Task Overview_CountsRequestsByStatus_AndListsFailuresWithReasons()
    {
        await SeedData.LinkAsync(Db, OwnerId, "1000000001", LinkStatus.Active,
            SeedData.Request(RequestStatus.Pending), SeedData.Request(RequestStatus.Pending),
            SeedData.Request(RequestStatus.Submitted), SeedData.Request(RequestStatus.Failed, reason: ReasonCode.TimeoutGaveUp));

        var page = RenderPage<StaffPage>();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=count-pending]").GetAttribute("data-count")));
        Assert.Equal("1", page.Find("[data-testid=count-failed]").GetAttribute("data-count"));
        Assert.Equal("2", page.Find("[data-testid=backlog]").GetAttribute("data-pending"));
        Assert.Equal("0", page.Find("[data-testid=backlog]").GetAttribute("data-drain-seconds")); // 2 requests fit the current window
        Assert.Contains(StatusSentences.For(ReasonCode.TimeoutGaveUp), page.Find("[data-testid=failures]").TextContent);
        Assert.Contains("1000000001", page.Find("[data-testid=overdue]").TextContent); // submitted 3 days ago, timeout 24 h
    }

    /// <summary>Complete is most of the table and grows for ever: the page counts the requests completed in the last day.</summary>
    [Fact]
    public async Task Overview_CountsTheRequestsCompletedInTheLastDay()
    {
        DataRequest CompletedHoursAgo(double hours)
        {
            var request = SeedData.Request(RequestStatus.Complete);
            request.CompletedAt = Clock.GetUtcNow().AddHours(-hours);
            return request;
        }

        await SeedData.LinkAsync(Db, OwnerId, "1000000001", LinkStatus.Active,
            CompletedHoursAgo(1), CompletedHoursAgo(23.5), CompletedHoursAgo(24.5), CompletedHoursAgo(24 * 40), SeedData.Request(RequestStatus.Pending));

        var page = RenderPage<StaffPage>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=count-pending]").GetAttribute("data-count")));
        var complete = page.Find("[data-testid=count-complete]");
        Assert.Equal("2", complete.GetAttribute("data-count"));
        Assert.Contains("Complete, 24 h", complete.TextContent, StringComparison.Ordinal);
        Assert.Equal("Requests completed in the last 24 hours", complete.QuerySelector("[title]")!.GetAttribute("title"));
    }

    [Fact]
    public async Task Retry_PutsTheFailedRequestBackToPending()
    {
        var link = await SeedData.LinkAsync(Db, OwnerId, "1000000001", LinkStatus.Active,
            SeedData.Request(RequestStatus.Failed, reason: ReasonCode.TimeoutGaveUp));
        var requestId = link.Requests[0].Id;
        var page = RenderPage<StaffPage>();
        page.WaitForAssertion(() => page.Find($"[data-testid=retry-{requestId}]"));

        await page.Find($"[data-testid=retry-{requestId}]").ClickAsync(new());

        await using var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(RequestStatus.Pending, (await db.DataRequests.SingleAsync(TestContext.Current.CancellationToken)).Status);
        page.WaitForAssertion(() => Assert.Equal("0", page.Find("[data-testid=count-failed]").GetAttribute("data-count")));
    }

    [Fact]
    public async Task PauseAndResume_ChangeDispatchForEveryInstance()
    {
        var page = RenderPage<StaffPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=pause-dispatch]"));

        await page.Find("[data-testid=pause-dispatch]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Paused", page.Find("[data-testid=dispatch-state]").GetAttribute("data-status")));
        await using (var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken))
            Assert.True((await db.DispatchControl.SingleAsync(TestContext.Current.CancellationToken)).Paused);

        await page.Find("[data-testid=resume-dispatch]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Running", page.Find("[data-testid=dispatch-state]").GetAttribute("data-status")));
        await using (var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken))
            Assert.False((await db.DispatchControl.SingleAsync(TestContext.Current.CancellationToken)).Paused);
    }
}
