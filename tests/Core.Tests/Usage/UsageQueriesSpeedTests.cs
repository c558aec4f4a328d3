using System.Diagnostics;
using GbcPortal.Core.Espi;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Usage;

public sealed class UsageQueriesSpeedTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoYearsOf15MinuteData_EveryViewIsFast_AndSmall()
    {
        await using var db = await UsageDatabase.CreateAsync();
        var from = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var to = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        await using (var ctx = await db.Factory.CreateDbContextAsync(Ct))
        {
            foreach (var (type, flow) in new[] { (db.DeliveredTypeId, FlowDirections.Forward), (db.ReceivedTypeId, FlowDirections.Reverse) })
            {
                await ctx.Database.ExecuteSqlAsync($"""
                    WITH RECURSIVE q(t) AS (SELECT {from} UNION ALL SELECT t + 900 FROM q WHERE t + 900 < {to})
                    INSERT INTO "Readings" ("LinkId", "ReadingTypeId", "Start", "DurationSeconds", "ValueWh", "FlowDirection", "Quality")
                    SELECT {db.LinkId}, {type}, t, 900, 100 + (t / 900) % 7, {flow}, 0 FROM q
                    """, Ct);
            }
            Assert.Equal(2 * (to - from) / 900, await ctx.Readings.LongCountAsync(Ct));
        }
        var queries = new UsageQueries(db.Factory);
        var anchor = new DateOnly(2025, 3, 9); // a 23-hour day; 2025 and 2024 are complete

        foreach (var view in Enum.GetValues<UsageView>())
        {
            await queries.GetAsync(db.OwnerId, db.ServiceId, view, anchor, ct: Ct); // warm-up: JIT and query plans
            var times = new List<double>();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            UsageReport? report = null;
            for (var i = 0; i < 5; i++)
            {
                var watch = Stopwatch.StartNew();
                report = await queries.GetAsync(db.OwnerId, db.ServiceId, view, anchor, ct: Ct);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            // CPU time per query too: on a shared machine it says more than the wall clock does.
            var cpuPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / times.Count;
            times.Sort();
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{view}: median {times[2]:0.0} ms wall, {cpuPerQuery:0.0} ms CPU per query, {report?.Buckets.Count} buckets");
            Assert.NotNull(report);
            Assert.InRange(report.Buckets.Count, 1, UsageQueries.MaxPoints);
            Assert.DoesNotContain(report.Buckets, b => b.DeliveredKwh is null);
            // The target is 50 ms on a quiet machine; this bound only catches a lost index or a
            // per-row round trip, while tolerating a CI machine shared with other builds.
            Assert.True(times[2] < 1500, $"{view} took {times[2]:0.0} ms");
        }
    }
}
