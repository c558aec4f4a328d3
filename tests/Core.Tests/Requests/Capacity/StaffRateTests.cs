using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GbcPortal.Core.Tests.Requests.Capacity;

/// <summary>Two "instances": two service providers wired as the portal wires Core, on one database.</summary>
public sealed class StaffRateTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ARateStaffSetOnOneInstance_IsTheLimitOfAnotherInstancesBudget_AtItsNextTake(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.CreateAsync(provider);
        var staff = await database.AddUserAsync("staff@example.com");
        var time = Pipeline.ClockAt("2025-11-26T18:00:00Z");
        await using var first = Instance(database, time);
        await using var second = Instance(database, time);
        var otherBudget = second.GetRequiredService<RateBudget>();
        var cancel = TestContext.Current.CancellationToken;

        var before = await otherBudget.TakeSlotsAsync(10, cancel);
        var change = await first.GetRequiredService<DispatchRate>().SetAsync(2, staff, "198.51.100.7", cancel);
        time.Advance(TimeSpan.FromSeconds(61));
        var after = await otherBudget.TakeSlotsAsync(10, cancel);
        var status = await otherBudget.GetStatusAsync(time.GetUtcNow().AddHours(-1), cancel);
        await first.GetRequiredService<DispatchRate>().SetAsync(null, staff, "198.51.100.7", cancel);
        time.Advance(TimeSpan.FromSeconds(61));
        var reset = await otherBudget.TakeSlotsAsync(10, cancel);

        Assert.Equal((true, 2), (change.Saved, change.RequestsPerWindow));
        Assert.Equal((6, 2, 2, 6), (before.Requests.Count, after.Requests.Count, status.Limit, reset.Requests.Count));
        await using var db = await database.Factory.CreateDbContextAsync(cancel);
        var audit = await db.AuditEvents.Where(e => e.Action == AuditAction.RateLimitChanged).OrderBy(e => e.Id).ToListAsync(cancel);
        Assert.Equal(["6 → 2 requests per 60 s.", "2 → 6 requests per 60 s (the configured default)."], audit.Select(e => e.Detail));
        Assert.All(audit, e => Assert.Equal((staff, "198.51.100.7"), (e.ActorUserId, e.Ip)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    [InlineData(-3)]
    public async Task ARateOutsideTheRange_IsRefusedWithASentence_AndNothingChanges(int rate)
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var instance = Instance(database, Pipeline.ClockAt("2025-11-26T18:00:00Z"));
        var rates = instance.GetRequiredService<DispatchRate>();

        var change = await rates.SetAsync(rate, "staff", null, TestContext.Current.CancellationToken);

        Assert.False(change.Saved);
        Assert.Equal("The rate must be a whole number from 1 to 10,000.", change.Error);
        Assert.Equal(6, await rates.GetAsync(TestContext.Current.CancellationToken));
    }

    private static ServiceProvider Instance(TempDatabase database, FakeTimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddPortalDatabase(database.Provider, database.ConnectionString);
        services.AddRequestPipeline();
        return services.BuildServiceProvider();
    }
}
