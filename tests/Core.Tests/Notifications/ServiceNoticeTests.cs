using GbcPortal.Core.Notifications;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Tests.Requests;
using GbcPortal.Core.Usage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Tests.Notifications;

/// <summary>
/// Service emails end to end inside Core: the events recorded with the changes (real SQLite, the real outcome rules),
/// then the outbox deciding and sending, with a mail server that can be down.
/// </summary>
public sealed class ServiceNoticeTests() : PipelineTest("owner@example.com")
{
    private const string ServiceId = "4820183311";
    private const string Pin = "58213746";

    private readonly RecordingEmailSender mail = new();

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstDataAndWholeHistory_AreEmailedOncePerLink()
    {
        var linkId = await LinkAndSendAsync();
        var requests = await Pipeline.RequestsAsync(linkId);

        await CompleteAsync(requests[0].Id, readings: 672);            // the Verify: the first data
        await CompleteAsync(requests[1].Id, readings: 0);              // a backfill window without data
        Assert.Equal(1, await Outbox().DrainAsync(Ct));
        await CompleteAsync(requests[2].Id, readings: 17_760);
        await CompleteAsync(requests[3].Id, readings: 17_760);         // the last backfill: the whole history
        await CompleteAsync(requests[3].Id, readings: 17_760);         // a duplicate callback changes nothing

        Assert.Equal(1, await Outbox().DrainAsync(Ct));
        Assert.Equal(0, await Outbox().DrainAsync(Ct));
        Assert.Equal([NoticeEvent.FirstData, NoticeEvent.HistoryComplete], mail.Sent.Select(m => m.Event));
        Assert.All(mail.Sent, m => Assert.Equal(("owner@example.com", ServiceId, linkId), (m.To, m.ServiceId, m.LinkId)));
        Assert.Equal(StatusSentences.HistoryComplete, mail.Sent.Last().Sentence);
        Assert.Equal(2, await CountAsync(linkId));
    }

    [Fact]
    public async Task PinRefused_WithTheMailServerDown_IsKeptAndRetried_AndIngestGoesOn()
    {
        Utility.Answer(ServiceId, new UtilityOutcome(UtilityOutcomeKind.PinRejected, Message: "PIN does not match"));
        var linkId = await LinkAndSendAsync();
        mail.Down = true;

        Assert.Equal(0, await Outbox().DrainAsync(Ct));

        var notice = await SingleNoticeAsync(linkId);
        Assert.Equal((NoticeEvent.PinNotAccepted, NoticeState.Pending, 1), (notice.Event, notice.State, notice.Attempts));
        Assert.Equal(NoticeReason.SendFailed, notice.Reason);
        Assert.Contains("Connection refused", notice.Detail, StringComparison.Ordinal); // the mail server's words, as data
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromMinutes(1), notice.NextAttemptAt);
        Assert.Equal(0, await Outbox().DrainAsync(Ct));                // not before its time
        Assert.Equal(1, (await SingleNoticeAsync(linkId)).Attempts);

        mail.Down = false;
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Outbox().DrainAsync(Ct));

        var email = Assert.Single(mail.Sent);
        Assert.Equal((NoticeEvent.PinNotAccepted, LinkTransitionsReason()), (email.Event, email.Sentence));
        Assert.DoesNotContain(Pin, email.Sentence, StringComparison.Ordinal);
        Assert.Equal(NoticeState.Sent, (await SingleNoticeAsync(linkId)).State);
    }

    [Fact]
    public async Task TheSameProblemAgain_IsEmailedAtMostOnceADay()
    {
        var linkId = await LinkAndSendAsync();
        var requests = await Pipeline.RequestsAsync(linkId);
        await CompleteAsync(requests[0].Id, readings: 96);
        // The customer changed the PIN at the utility: a backfill in flight is refused. Access revoked, emailed.
        await Pipeline.Outcomes.ApplyStatusCallbackAsync(requests[1].Id, "PinMismatch", null, Ct);
        await Outbox().DrainAsync(Ct);

        Time.Advance(TimeSpan.FromHours(2));
        await RefusedAgainAsync(linkId, "4321");                        // a new PIN refused the same day: the same problem, not emailed again
        await Outbox().DrainAsync(Ct);
        Time.Advance(TimeSpan.FromHours(1));
        await RefusedAgainAsync(linkId, "5678");                        // and again within the day: still not
        await Outbox().DrainAsync(Ct);
        Time.Advance(TimeSpan.FromDays(1));
        await RefusedAgainAsync(linkId, "6789");                        // the next day: emailed
        await Outbox().DrainAsync(Ct);

        Assert.Equal([NoticeEvent.FirstData, NoticeEvent.AccessRevoked, NoticeEvent.PinNotAccepted],
            mail.Sent.Select(m => m.Event));
        await using var db = await Database.Factory.CreateDbContextAsync(Ct);
        var skipped = await db.LinkNotices.Where(n => n.State == NoticeState.Skipped).ToListAsync(Ct);
        Assert.Equal([NoticeEvent.PinNotAccepted, NoticeEvent.PinNotAccepted], skipped.Select(n => n.Event));
        Assert.All(skipped, n => Assert.Equal(NoticeReason.AlreadySent, n.Reason));
    }

    [Fact]
    public async Task SwitchedOff_NothingIsSent_AndTheReasonIsKept()
    {
        await using (var db = await Database.Factory.CreateDbContextAsync(Ct))
            await db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailAboutServices, false), Ct);
        Utility.Answer(ServiceId, new UtilityOutcome(UtilityOutcomeKind.ServiceInactive));
        var linkId = await LinkAndSendAsync();

        await Outbox().DrainAsync(Ct);

        Assert.Empty(mail.Sent);
        var notice = await SingleNoticeAsync(linkId);
        Assert.Equal((NoticeEvent.ServiceInactive, NoticeState.Skipped), (notice.Event, notice.State));
        Assert.Equal(NoticeReason.EmailsOff, notice.Reason);
        Assert.Equal("The account turned service emails off.", StatusSentences.For(notice.Reason!.Value));
    }

    [Fact]
    public async Task AnUnconfirmedAddress_WhereConfirmationIsRequired_IsNotWritten()
    {
        Utility.Answer(ServiceId, new UtilityOutcome(UtilityOutcomeKind.ServiceInactive));
        var linkId = await LinkAndSendAsync();

        await Outbox(requireConfirmed: true).DrainAsync(Ct);

        Assert.Empty(mail.Sent);
        Assert.Equal(NoticeReason.NoConfirmedAddress, (await SingleNoticeAsync(linkId)).Reason);
    }

    [Fact]
    public async Task APinFixedBeforeTheEmailLeft_IsNotEmailed()
    {
        Utility.Answer(ServiceId, new UtilityOutcome(UtilityOutcomeKind.PinRejected));
        var linkId = await LinkAndSendAsync();

        await Pipeline.Links.UpdatePinAsync(Owner, linkId, "4321", Ct);
        await Outbox().DrainAsync(Ct);

        Assert.Empty(mail.Sent);
        Assert.Equal(NoticeState.Skipped, (await SingleNoticeAsync(linkId)).State);
    }

    [Fact]
    public async Task TwoSenders_SendEachNoticeOnce()
    {
        for (var i = 0; i < 6; i++)
        {
            var serviceId = $"48201833{i:00}";
            Utility.Answer(serviceId, new UtilityOutcome(UtilityOutcomeKind.ServiceInactive));
            await Pipeline.Links.LinkAsync(Owner, serviceId, Pin, Ct);
        }
        await Pipeline.Dispatcher.DispatchAsync(Ct);
        mail.Delay = TimeSpan.FromMilliseconds(30);

        await Task.WhenAll(Outbox().DrainAsync(Ct), Outbox().DrainAsync(Ct));

        Assert.Equal(6, mail.Sent.Count);
        Assert.Equal(6, mail.Sent.Select(m => m.LinkId).Distinct().Count());
    }

    private NoticeOutbox Outbox(bool requireConfirmed = false) =>
        new(Database.Factory, mail, Time, Options.Create(new NoticeOptions()),
            Options.Create(new IdentityOptions { SignIn = { RequireConfirmedAccount = requireConfirmed } }), NullLogger<NoticeOutbox>.Instance);

    private static string LinkTransitionsReason() => StatusSentences.For(ReasonCode.PinNotAccepted);

    private async Task<int> LinkAndSendAsync()
    {
        var result = await Pipeline.Links.LinkAsync(Owner, ServiceId, Pin, Ct);
        await Pipeline.Dispatcher.DispatchAsync(Ct);
        return result.LinkId!.Value;
    }

    private Task CompleteAsync(int requestId, int readings) =>
        Pipeline.Outcomes.CompleteAsync(requestId, new RequestCompletion(readings > 0 ? Time.GetUtcNow().AddDays(-1) : null, readings), Ct);

    // The customer enters a new PIN, it is sent, and the utility refuses it.
    private async Task RefusedAgainAsync(int linkId, string pin)
    {
        await Pipeline.Links.UpdatePinAsync(Owner, linkId, pin, Ct);
        Utility.Answer(ServiceId, new UtilityOutcome(UtilityOutcomeKind.PinRejected));
        await Pipeline.Dispatcher.DispatchAsync(Ct);
        Assert.Equal(LinkStatus.PinNotAccepted, (await Pipeline.LinkAsync(linkId)).Status);
    }

    private async Task<LinkNotice> SingleNoticeAsync(int linkId)
    {
        await using var db = await Database.Factory.CreateDbContextAsync(Ct);
        return await db.LinkNotices.AsNoTracking().SingleAsync(n => n.LinkId == linkId, Ct);
    }

    private async Task<int> CountAsync(int linkId)
    {
        await using var db = await Database.Factory.CreateDbContextAsync(Ct);
        return await db.LinkNotices.CountAsync(n => n.LinkId == linkId, Ct);
    }
}
