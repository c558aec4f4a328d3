using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Tests.Requests;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Linking;

/// <summary>The portal is not a PIN oracle: refusals are counted, holds stop new attempts before the utility, repeats are answered here.</summary>
public sealed class GuessingTests() : PipelineTest("mallory@example.com")
{
    private const string ServiceId = "4820183311";
    private static readonly UtilityOutcome PinRejected = new(UtilityOutcomeKind.PinRejected, Message: "PIN does not match Service ID");
    private static readonly UtilityOutcome UnknownServiceId = new(UtilityOutcomeKind.UnknownServiceId, Message: "Unknown Service ID");


    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwentyWrongPins_ForOneServiceId_ReachTheUtilityThreeTimes_ThenWaitUntilTheHoldEnds()
    {
        Utility.Answer(ServiceId, [.. Enumerable.Repeat(PinRejected, 20)]);
        var results = new List<LinkResult>();
        for (var guess = 1; guess <= 20; guess++)
        {
            results.Add(await Pipeline.Links.LinkAsync(Owner, ServiceId, $"{guess:D4}", "203.0.113.7", Ct));
            await Pipeline.Dispatcher.DispatchAsync(Ct);
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(3, Utility.Sent.Count);
        Assert.All(results.Take(3), r => Assert.True(r.Succeeded));
        Assert.All(results.Skip(3), r => Assert.Equal(LinkResultKind.Refused, r.Kind));
        // Held from the third refusal (18:02 UTC) for 24 hours: 10:02 AM Pacific the next day.
        Assert.Contains("until 27 November 2025, 10:02 AM", results[^1].Error, StringComparison.Ordinal);

        await using var db = await Pipeline.Factory.CreateDbContextAsync(Ct);
        var hold = await db.LinkHolds.SingleAsync(Ct);
        Assert.Equal((HoldScope.ServiceId, ServiceId, 3), (hold.Scope, hold.ServiceId, hold.Refusals));
        var events = await db.AuditEvents.OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal([AuditAction.Linked, AuditAction.PinChanged, AuditAction.PinChanged, AuditAction.HoldPlaced],
            events.Take(4).Select(e => e.Action));
        Assert.Equal(17, events.Count(e => e.Action == AuditAction.LinkRefusedByPortal));
        Assert.All(events.Where(e => e.ActorUserId is not null), e => Assert.Equal("203.0.113.7", e.Ip));
        Assert.All(events, e => Assert.DoesNotContain("0004", e.Detail ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lifted_hold_lets_the_next_attempt_through_and_counts_afresh()
    {
        var staff = await Database.AddUserAsync("staff@example.com");
        Utility.Answer(ServiceId, [.. Enumerable.Repeat(PinRejected, 4)]);
        for (var guess = 1; guess <= 3; guess++)
        {
            await Pipeline.Links.LinkAsync(Owner, ServiceId, $"{guess:D4}", Ct);
            await Pipeline.Dispatcher.DispatchAsync(Ct);
        }

        var hold = Assert.Single(await Pipeline.Supervision.ActiveHoldsAsync(Ct));
        Assert.True(await Pipeline.Supervision.LiftAsync(hold.Id, staff, "10.0.0.1", Ct));
        Assert.Empty(await Pipeline.Supervision.ActiveHoldsAsync(Ct));

        var next = await Pipeline.Links.LinkAsync(Owner, ServiceId, "0004", Ct);
        await Pipeline.Dispatcher.DispatchAsync(Ct);

        Assert.True(next.Succeeded);
        Assert.Equal(4, Utility.Sent.Count);
        Assert.Empty(await Pipeline.Supervision.ActiveHoldsAsync(Ct)); // one refusal since the lift, not four
    }

    [Fact]
    public async Task The_PIN_just_refused_is_answered_from_what_we_know_and_not_sent_again()
    {
        Utility.Answer(ServiceId, PinRejected);
        var first = await Pipeline.Links.LinkAsync(Owner, ServiceId, "1111", Ct);
        await Pipeline.Dispatcher.DispatchAsync(Ct);

        var again = await Pipeline.Links.LinkAsync(Owner, ServiceId, "1111", Ct);
        var viaUpdate = await Pipeline.Links.UpdatePinAsync(Owner, first.LinkId!.Value, " 1111 ", Ct);
        await Pipeline.Dispatcher.DispatchAsync(Ct);

        Assert.Equal((LinkResultKind.Refused, LinkMessages.SameRefusedPin), (again.Kind, again.Error));
        Assert.Equal((LinkResultKind.Refused, LinkMessages.SameRefusedPin), (viaUpdate.Kind, viaUpdate.Error));
        Assert.Single(Utility.Sent);
        Assert.Equal(LinkStatus.PinNotAccepted, (await Pipeline.LinkAsync(first.LinkId.Value)).Status);
    }

    [Fact]
    public async Task Ten_refused_links_by_one_account_hold_the_account()
    {
        var serviceIds = Enumerable.Range(0, 11).Select(i => $"55500000{i:D2}").ToList();
        foreach (var serviceId in serviceIds)
        {
            Utility.Answer(serviceId, UnknownServiceId);
        }

        foreach (var serviceId in serviceIds.Take(10))
        {
            Assert.True((await Pipeline.Links.LinkAsync(Owner, serviceId, "1234", Ct)).Succeeded);
            await Pipeline.Dispatcher.DispatchAsync(Ct);
            Time.Advance(TimeSpan.FromMinutes(2)); // past the rate budget's window
        }

        var eleventh = await Pipeline.Links.LinkAsync(Owner, serviceIds[10], "1234", Ct);

        Assert.Equal(LinkResultKind.Refused, eleventh.Kind);
        Assert.StartsWith("Too many links from this account were refused", eleventh.Error, StringComparison.Ordinal);
        Assert.Equal(10, Utility.Sent.Count);
        Assert.Equal(HoldScope.Account, Assert.Single(await Pipeline.Supervision.ActiveHoldsAsync(Ct)).Scope);
    }

    [Fact]
    public async Task The_eleventh_live_link_is_refused_until_staff_raise_the_accounts_limit()
    {
        var staff = await Database.AddUserAsync("staff@example.com");
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await Pipeline.Links.LinkAsync(Owner, $"66600000{i:D2}", "1234", Ct)).Succeeded);
        }

        var eleventh = await Pipeline.Links.LinkAsync(Owner, "6660000010", "1234", Ct);
        Assert.True(await Pipeline.Supervision.SetLinkLimitAsync(" mallory@example.com", 12, staff, null, Ct));
        var afterRaise = await Pipeline.Links.LinkAsync(Owner, "6660000010", "1234", Ct);

        Assert.Equal((LinkResultKind.Refused, LinkMessages.TooManyLinks(10)), (eleventh.Kind, eleventh.Error));
        Assert.Equal(LinkResultKind.Created, afterRaise.Kind);
        Assert.False(await Pipeline.Supervision.SetLinkLimitAsync("nobody@example.com", 12, staff, null, Ct));
    }

    [Fact]
    public async Task Another_account_linking_a_held_Service_ID_waits_for_review_and_nothing_is_sent()
    {
        var owner = await Database.AddUserAsync("owner@example.com");
        Utility.Answer(ServiceId, [.. Enumerable.Repeat(PinRejected, 3)]);
        for (var guess = 1; guess <= 3; guess++)
        {
            await Pipeline.Links.LinkAsync(Owner, ServiceId, $"{guess:D4}", Ct);
            await Pipeline.Dispatcher.DispatchAsync(Ct);
        }

        var linked = await Pipeline.Links.LinkAsync(owner, ServiceId, "8642", Ct);
        await Pipeline.Dispatcher.DispatchAsync(Ct);

        Assert.Equal((LinkResultKind.Created, true), (linked.Kind, linked.NeedsReview));
        Assert.Equal(ReviewReasons.HeldServiceId, (await Pipeline.LinkAsync(linked.LinkId!.Value)).ReviewReason);
        Assert.Equal(3, Utility.Sent.Count);
        var row = Assert.Single(await Pipeline.Reviews.ListAsync(Ct));
        Assert.Equal((linked.LinkId.Value, "owner@example.com"), (row.LinkId, row.OwnerEmail));

        Assert.True(await Pipeline.Reviews.DecideAsync(linked.LinkId.Value, ReviewDecision.KeepThisOne, owner, null, Ct));
        await Pipeline.Dispatcher.DispatchAsync(Ct);

        Assert.Equal("8642", Utility.Sent.Last().Submission.Pin);
    }
}
