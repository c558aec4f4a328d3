using GbcPortal.Core.Espi;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;

namespace GbcPortal.Core.Tests.Usage;

/// <summary>A meter swap: the old Service ID's readings up to the end of its data, then the new one's, as one history.</summary>
public sealed class UsageChainTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    // Pacific midnights (PDT, UTC-7) of 9, 10 and 11 March 2026.
    private static readonly DateTimeOffset Mar9 = new(2026, 3, 9, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar10 = new(2026, 3, 10, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar11 = new(2026, 3, 11, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Noon10 = Mar10.AddHours(12);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EitherServiceId_ShowsTheOldReadingsUpToTheSwap_ThenTheNew(DatabaseProvider provider)
    {
        await using var db = await UsageDatabase.CreateAsync(provider: provider);
        // The old meter read 100 Wh a quarter-hour until noon on the 10th; the new one 300 Wh, its history overlapping.
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar9, Noon10, _ => 100);
        await db.AddQuarterHoursAsync(db.ReceivedTypeId, FlowDirections.Reverse, Mar9, Noon10, _ => 10);
        var (newLink, newDelivered) = await db.AddReplacementAsync("1000000005", Noon10);
        await db.AddQuarterHoursAsync(newDelivered, FlowDirections.Forward, Mar9, Mar11, _ => 300, newLink);
        var queries = new UsageQueries(db.Factory);

        foreach (var serviceId in new[] { db.ServiceId, "1000000005" })
        {
            var day = await queries.GetAsync(db.OwnerId, serviceId, UsageView.Day, new DateOnly(2026, 3, 10), ct: Ct);

            Assert.NotNull(day);
            Assert.Equal(96, day.Buckets.Count);
            Assert.All(day.Buckets.Take(48), b => Assert.Equal(0.1, b.DeliveredKwh!.Value, 9));
            Assert.All(day.Buckets.Skip(48), b => Assert.Equal(0.3, b.DeliveredKwh!.Value, 9));
            Assert.Equal(48 * 0.1 + 48 * 0.3, day.Totals.DeliveredKwh!.Value, 9);
            Assert.Equal(48 * 0.01, day.Totals.ReceivedKwh!.Value, 9);       // the new meter sent no solar series
            Assert.Equal(Noon10, day.Totals.Peak!.Start);                      // the first quarter-hour of the new meter
            Assert.Equal(96 * 0.1, day.Previous.DeliveredKwh!.Value, 9);                // the 9th: the old meter only
            Assert.Equal([(db.ServiceId, (DateTimeOffset?)null, (DateTimeOffset?)Noon10), ("1000000005", Noon10, null)],
                day.Sources.Select(s => (s.ServiceId, s.From, s.To)));
        }
    }

    [Fact]
    public async Task AReplacementPointingAtAnotherCustomersLink_JoinsNothing()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar9, Noon10, _ => 100);
        var (newLink, newDelivered) = await db.AddReplacementAsync("1000000005", Noon10, ownerId: db.OtherOwnerId);
        await db.AddQuarterHoursAsync(newDelivered, FlowDirections.Forward, Mar9, Mar11, _ => 300, newLink);
        var queries = new UsageQueries(db.Factory);

        var theirs = await queries.GetAsync(db.OtherOwnerId, "1000000005", UsageView.Day, new DateOnly(2026, 3, 9), ct: Ct);
        var mine = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Day, new DateOnly(2026, 3, 10), ct: Ct);

        Assert.Equal(96 * 0.3, theirs!.Totals.DeliveredKwh!.Value, 9);
        Assert.Empty(theirs.Sources);
        Assert.Equal(48 * 0.1, mine!.Totals.DeliveredKwh!.Value, 9);
        Assert.Empty(mine.Sources);
    }
}
