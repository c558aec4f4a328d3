using System.Collections.Concurrent;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Tests.Persistence;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GbcPortal.Core.Tests.Requests;

public sealed class RateBudgetTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TryTake_SixThenExhausted_FreesWhenTheOldestLeavesTheWindow(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.CreateAsync(provider);
        var time = Pipeline.ClockAt("2025-11-26T12:00:00Z");
        var start = time.GetUtcNow();
        var budget = new RateBudget(database.Factory, time, Options.Create(new DispatchOptions()));

        var kinds = new List<BudgetTakeKind>();
        for (var i = 0; i < 6; i++)
        {
            kinds.Add((await budget.TakeSlotAsync(TestContext.Current.CancellationToken)).Kind);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        var seventh = await budget.TakeSlotAsync(TestContext.Current.CancellationToken);
        time.SetUtcNow(start + TimeSpan.FromSeconds(60.25) - TimeSpan.FromTicks(1));
        var justBefore = await budget.TakeSlotAsync(TestContext.Current.CancellationToken);
        time.SetUtcNow(start + TimeSpan.FromSeconds(60.25));
        var onTime = await budget.TakeSlotAsync(TestContext.Current.CancellationToken);

        Assert.All(kinds, k => Assert.Equal(BudgetTakeKind.Taken, k));
        Assert.Equal((BudgetTakeKind.Exhausted, start + TimeSpan.FromSeconds(60.25)), (seventh.Kind, seventh.NextFreeAt));
        Assert.Equal(BudgetTakeKind.Exhausted, justBefore.Kind);
        Assert.Equal((BudgetTakeKind.Taken, start + TimeSpan.FromSeconds(70.25)), (onTime.Kind, onTime.NextFreeAt));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TryTake_ManyTasksOnTwoFactoriesAtOneInstant_OnlySixSucceed(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.CreateAsync(provider);
        var time = Pipeline.ClockAt("2025-11-26T12:00:00Z");
        var options = Options.Create(new DispatchOptions());
        RateBudget[] servers = [new(database.Factory, time, options), new(database.CreateOtherFactory(), time, options)];

        async Task<int> Burst() => (await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
            (await servers[i % 2].TakeSlotAsync(TestContext.Current.CancellationToken)).Kind == BudgetTakeKind.Taken ? 1 : 0)))).Sum();

        var first = await Burst();
        time.Advance(TimeSpan.FromSeconds(30));
        var half = await Burst();
        time.Advance(TimeSpan.FromSeconds(31));
        var next = await Burst();

        Assert.Equal((6, 0, 6), (first, half, next));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TryTake_RealClockAndConcurrentTakers_NeverMoreThanTheLimitInAnyWindow(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.CreateAsync(provider);
        var options = Options.Create(new DispatchOptions { RequestsPerWindow = 3, WindowSeconds = 1, SlotMarginMilliseconds = 0 });
        RateBudget[] servers = [new(database.Factory, TimeProvider.System, options), new(database.CreateOtherFactory(), TimeProvider.System, options)];
        var taken = new ConcurrentBag<DateTimeOffset>();
        var until = DateTimeOffset.UtcNow.AddSeconds(2.5);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            while (DateTimeOffset.UtcNow < until)
            {
                var take = await servers[i % 2].TakeSlotAsync(TestContext.Current.CancellationToken);
                if (take.Kind == BudgetTakeKind.Taken)
                {
                    taken.Add(take.At);
                }
            }
        })));

        var times = taken.Order().ToList();
        Assert.InRange(times.Count, 3, 9); // 2.5 s of a 3-per-second budget (a loaded machine may use less of it)
        var worst = times.Max(t => times.Count(u => u > t - TimeSpan.FromSeconds(1) && u <= t));
        Assert.True(worst <= 3, $"{worst} slots in one second");
    }
}
