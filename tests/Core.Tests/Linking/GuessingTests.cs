using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Tests.Persistence;
using GbcPortal.Core.Tests.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace GbcPortal.Core.Tests.Linking;

/// <summary>The portal is not a PIN oracle: refusals are counted, holds stop new attempts before the utility, repeats are answered here.</summary>
public sealed class GuessingTests : IAsyncLifetime
{
    private const string ServiceId = "4820183311";
    private static readonly UtilityOutcome PinRejected = new(UtilityOutcomeKind.PinRejected, Message: "PIN does not match Service ID");
    private static readonly UtilityOutcome UnknownServiceId = new(UtilityOutcomeKind.UnknownServiceId, Message: "Unknown Service ID");

    private TempDatabase database = null!;
    private FakeTimeProvider time = null!;
    private ScriptedUtilityClient utility = null!;
    private Pipeline pipeline = null!;
    private string attacker = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync();
        attacker = await database.AddUserAsync("mallory@example.com");
        time = Pipeline.ClockAt("2025-11-26T18:00:00Z");
        utility = new ScriptedUtilityClient(time);
        pipeline = new Pipeline(database.Factory, time, utility);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task TwentyWrongPins_ForOneServiceId_ReachTheUtilityThreeTimes_ThenWaitUntilTheHoldEnds()
    {
        utility.Answer(ServiceId, [.. Enumerable.Repeat(PinRejected, 20)]);
        var results = new List<LinkResult>();
        for (var guess = 1; guess <= 20; guess++)
        {
            results.Add(await pipeline.Links.LinkAsync(attacker, ServiceId, $"{guess:D4}", "203.0.113.7", Ct));
            await pipeline.Dispatcher.DispatchAsync(Ct);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(3, utility.Sent.Count);
        Assert.All(results.Take(3), r => Assert.True(r.Succeeded));
        Assert.All(results.Skip(3), r => Assert.Equal(LinkResultKind.Refused, r.Kind));
        // Held from the third refusal (18:02 UTC) for 24 hours: 10:02 AM Pacific the next day.
        Assert.Contains("until 27 November 2025, 10:02 AM", results[^1].Error, StringComparison.Ordinal);

        await using var db = await pipeline.Factory.CreateDbContextAsync(Ct);
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
        var staff = await database.AddUserAsync("staff@example.com");
        utility.Answer(ServiceId, [.. Enumerable.Repeat(PinRejected, 4)]);
        for (var guess = 1; guess <= 3; guess++)
        {
            await pipeline.Links.LinkAsync(attacker, ServiceId, $"{guess:D4}", Ct);
            await pipeline.Dispatcher.DispatchAsync(Ct);
        }

        var hold = Assert.Single(await pipeline.Supervision.ActiveHoldsAsync(Ct));
        Assert.True(await pipeline.Supervision.LiftAsync(hold.Id, staff, "10.0.0.1", Ct));
        Assert.Empty(await pipeline.Supervision.ActiveHoldsAsync(Ct));

        var next = await pipeline.Links.LinkAsync(attacker, ServiceId, "0004", Ct);
        await pipeline.Dispatcher.DispatchAsync(Ct);

        Assert.True(next.Succeeded);
        Assert.Equal(4, utility.Sent.Count);
        Assert.Empty(await pipeline.Supervision.ActiveHoldsAsync(Ct)); // one refusal since the lift, not four
    }

    [Fact]
    public async Task The_PIN_just_refused_is_answered_from_what_we_know_and_not_sent_again()
    {
        utility.Answer(ServiceId, PinRejected);
        var first = await pipeline.Links.LinkAsync(attacker, ServiceId, "1111", Ct);
        await pipeline.Dispatcher.DispatchAsync(Ct);

        var again = await pipeline.Links.LinkAsync(attacker, ServiceId, "1111", Ct);
        var viaUpdate = await pipeline.Links.UpdatePinAsync(attacker, first.LinkId!.Value, " 1111 ", Ct);
        await pipeline.Dispatcher.DispatchAsync(Ct);

        Assert.Equal((LinkResultKind.Refused, LinkMessages.SameRefusedPin), (again.Kind, again.Error));
        Assert.Equal((LinkResultKind.Refused, LinkMessages.SameRefusedPin), (viaUpdate.Kind, viaUpdate.Error));
        Assert.Single(utility.Sent);
        Assert.Equal(LinkStatus.PinNotAccepted, (await pipeline.LinkAsync(first.LinkId.Value)).Status);
    }

    [Fact]
    public async Task Ten_refused_links_by_one_account_hold_the_account()
    {
        var serviceIds = Enumerable.Range(0, 11).Select(i => $"55500000{i:D2}").ToList();
        foreach (var serviceId in serviceIds)
        {
            utility.Answer(serviceId, UnknownServiceId);
        }

        foreach (var serviceId in serviceIds.Take(10))
        {
            Assert.True((await pipeline.Links.LinkAsync(attacker, serviceId, "1234", Ct)).Succeeded);
            await pipeline.Dispatcher.DispatchAsync(Ct);
            time.Advance(TimeSpan.FromMinutes(2)); // past the rate budget's window
        }

        var eleventh = await pipeline.Links.LinkAsync(attacker, serviceIds[10], "1234", Ct);

        Assert.Equal(LinkResultKind.Refused, eleventh.Kind);
        Assert.StartsWith("Too many links from this account were refused", eleventh.Error, StringComparison.Ordinal);
        Assert.Equal(10, utility.Sent.Count);
        Assert.Equal(HoldScope.Account, Assert.Single(await pipeline.Supervision.ActiveHoldsAsync(Ct)).Scope);
    }

    [Fact]
    public async Task The_eleventh_live_link_is_refused_until_staff_raise_the_accounts_limit()
    {
        var staff = await database.AddUserAsync("staff@example.com");
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await pipeline.Links.LinkAsync(attacker, $"66600000{i:D2}", "1234", Ct)).Succeeded);
        }

        var eleventh = await pipeline.Links.LinkAsync(attacker, "6660000010", "1234", Ct);
        Assert.True(await pipeline.Supervision.SetLinkLimitAsync(" mallory@example.com", 12, staff, null, Ct));
        var afterRaise = await pipeline.Links.LinkAsync(attacker, "6660000010", "1234", Ct);

        Assert.Equal((LinkResultKind.Refused, LinkMessages.TooManyLinks(10)), (eleventh.Kind, eleventh.Error));
        Assert.Equal(LinkResultKind.Created, afterRaise.Kind);
        Assert.False(await pipeline.Supervision.SetLinkLimitAsync("nobody@example.com", 12, staff, null, Ct));
    }

    [Fact]
    public async Task Another_account_linking_a_held_Service_ID_waits_for_review_and_nothing_is_sent()
    {
        var owner = await database.AddUserAsync("owner@example.com");
        utility.Answer(ServiceId, [.. Enumerable.Repeat(PinRejected, 3)]);
        for (var guess = 1; guess <= 3; guess++)
        {
            await pipeline.Links.LinkAsync(attacker, ServiceId, $"{guess:D4}", Ct);
            await pipeline.Dispatcher.DispatchAsync(Ct);
        }

        var linked = await pipeline.Links.LinkAsync(owner, ServiceId, "8642", Ct);
        await pipeline.Dispatcher.DispatchAsync(Ct);

        Assert.Equal((LinkResultKind.Created, true), (linked.Kind, linked.NeedsReview));
        Assert.Equal(ReviewReasons.HeldServiceId, (await pipeline.LinkAsync(linked.LinkId!.Value)).ReviewReason);
        Assert.Equal(3, utility.Sent.Count);
        var row = Assert.Single(await pipeline.Reviews.ListAsync(Ct));
        Assert.Equal((linked.LinkId.Value, "owner@example.com"), (row.LinkId, row.OwnerEmail));

        Assert.True(await pipeline.Reviews.DecideAsync(linked.LinkId.Value, ReviewDecision.KeepThisOne, owner, null, Ct));
        await pipeline.Dispatcher.DispatchAsync(Ct);

        Assert.Equal("8642", utility.Sent.Last().Submission.Pin);
    }
}
