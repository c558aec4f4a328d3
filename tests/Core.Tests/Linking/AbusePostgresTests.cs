using GbcPortal.Core.Audit;
using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Tests.Persistence;
using GbcPortal.Core.Tests.Requests;
using GbcPortal.Core.Usage;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Tests.Linking;

/// <summary>The holds, reviews, traffic split and audit search as SQL: the same answers on PostgreSQL as on SQLite.</summary>
public sealed class AbusePostgresTests
{
    private static readonly UtilityOutcome PinRejected = new(UtilityOutcomeKind.PinRejected, Message: "PIN does not match Service ID");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Holds_reviews_traffic_and_audit_search_on(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TempDatabase.CreateAsync(provider);
        var stranger = await database.AddUserAsync("stranger@example.com");
        var owner = await database.AddUserAsync("owner@example.com");
        var time = Pipeline.ClockAt("2025-11-26T18:00:00Z");
        var utility = new ScriptedUtilityClient(time);
        var pipeline = new Pipeline(database.Factory, time, utility);
        utility.Answer("4820183311", [.. Enumerable.Repeat(PinRejected, 3)]);
        for (var guess = 1; guess <= 4; guess++)
        {
            await pipeline.Links.LinkAsync(stranger, "4820183311", $"{guess:D4}", "192.0.2.1", ct);
            await pipeline.Dispatcher.DispatchAsync(ct);
            time.Advance(TimeSpan.FromMinutes(2));
        }

        var held = await pipeline.Links.LinkAsync(owner, "4820183311", "9753", ct);
        var queries = new StatusQueries(database.Factory, pipeline.Budget, new BacklogForecast(pipeline.OffPeak, Options.Create(new DispatchOptions())),
            Options.Create(new DispatchOptions()), Options.Create(new LinkingOptions()), time);
        var traffic = await queries.GetTrafficAsync(ct);
        var audit = new AuditLog(database.Factory, time, Options.Create(new AuditOptions()));
        var refusedByPortal = await audit.SearchAsync(new AuditFilter("STRANGER@", "4820183311", AuditAction.LinkRefusedByPortal), ct);

        Assert.Equal(3, utility.Sent.Count);
        Assert.Equal(HoldScope.ServiceId, Assert.Single(await pipeline.Supervision.ActiveHoldsAsync(ct)).Scope);
        Assert.True(held.NeedsReview);
        Assert.Equal(held.LinkId, Assert.Single(await pipeline.Reviews.ListAsync(ct)).LinkId);
        Assert.Equal((3, 3), (traffic.Of(RequestKind.Verify).LastHour, traffic.Of(RequestKind.Verify).LastDay));
        Assert.Equal((stranger, 3, 1), (traffic.TopAccounts[0].OwnerId, traffic.TopAccounts[0].LastDay, traffic.TopAccounts[0].LiveLinks));
        Assert.Equal("192.0.2.1", Assert.Single(refusedByPortal).Ip);
        Assert.Equal(0, await audit.PurgeAsync(ct));
        time.Advance(TimeSpan.FromDays(401));
        Assert.True(await audit.PurgeAsync(ct) > 0);
    }
}
