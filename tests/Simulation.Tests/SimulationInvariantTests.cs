using GbcPortal.Core.Persistence;

namespace GbcPortal.Simulation.Tests;

/// <summary>
/// The scale harness's engine on a tiny scenario (bench/GbcPortal.Simulation): the real planner, link service,
/// dispatcher and rate budget in virtual time, and the invariants its report states.
/// </summary>
public sealed class SimulationInvariantTests
{
    // At 2 a minute every new link's Verify and three Backfill chunks make a backlog, so the budget's use is measured.
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TinyScenario_KeepsTheRate_RefreshesOffPeakOnly_StaysWithinTheStalenessBound(DatabaseProvider provider)
    {
        var settings = new SimulationSettings
        {
            Existing = 30, ArrivingPerDay = 6, Days = 2, Provider = provider,
            Configuration = new Dictionary<string, string?> { ["Dispatch:RequestsPerWindow"] = "2" },
        };
        var output = new StringWriter();

        var report = await SimulationEngine.RunAsync(settings, output, TestContext.Current.CancellationToken);

        foreach (var line in report.Lines())
        {
            output.WriteLine(line);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(output.ToString());
        Assert.Equal(12, report.Linked);
        Assert.Equal(0, report.LinkedWithoutData);
        Assert.Equal(12, report.SentByKind[RequestKind.Verify]);
        Assert.True(report.SentByKind[RequestKind.Backfill] >= 12, "every new link's history was asked for");
        Assert.True(report.SentByKind.GetValueOrDefault(RequestKind.Refresh) >= 30, "every existing service was refreshed");
        Assert.Equal(2 * 12 * 60, report.NightlyCapacity);
        Assert.InRange(report.MaxInAnyWindow, 1, 2);
        Assert.Equal(0, report.PeakHourRefreshes);
        Assert.Equal(2, report.Midnights.Count);
        Assert.All(report.Midnights, m => Assert.True(m.Max <= m.Bound, $"{m.Date}: staleness {m.Max} days over the bound {m.Bound}"));
        Assert.True(report.BackloggedTime > TimeSpan.Zero, "new links' requests queue behind the rate");
        Assert.True(report.BudgetUse >= 0.99, $"budget use while backlogged {report.BudgetUse:P2}");
        Assert.True(report.FirstDataP95 <= TimeSpan.FromMinutes(10), $"first data p95 {report.FirstDataP95}");
        Assert.Equal(0, report.Warnings);

        // The last five lines, in the form scripts read.
        var last = report.Lines().TakeLast(5).ToList();
        Assert.Matches(@"^max requests in 60 s: \d+$", last[0]);
        Assert.Matches(@"^peak-hour refreshes: \d+$", last[1]);
        Assert.Matches(@"^budget use while backlogged: \d+\.\d%$", last[2]);
        Assert.Matches(@"^staleness at midnight: max \d+ days, p95 \d+ days, bound \d+ days$", last[3]);
        Assert.Matches(@"^first data after linking: p50 [\d.]+ min, p95 [\d.]+ min, max [\d.]+ min$", last[4]);
    }

    // The callbacks' second thread changes when a request is completed, not what is sent or measured: the dispatcher
    // does not wait for a Verify's callback, and the planner, the watchdog and each midnight see every callback before.
    [Fact]
    public async Task CallbacksOnASecondThread_GiveTheSerialRunsFigures()
    {
        var settings = new SimulationSettings
        {
            Existing = 30, ArrivingPerDay = 6, Days = 2,
            Configuration = new Dictionary<string, string?> { ["Dispatch:RequestsPerWindow"] = "2" },
        };

        var parallel = await SimulationEngine.RunAsync(settings, null, TestContext.Current.CancellationToken);
        var serial = await SimulationEngine.RunAsync(settings with { SerialCallbacks = true }, null, TestContext.Current.CancellationToken);

        Assert.Contains(parallel.Lines(), l => l.Contains("callbacks on a second thread", StringComparison.Ordinal));
        Assert.DoesNotContain(serial.Lines(), l => l.Contains("callbacks on a second thread", StringComparison.Ordinal));
        Assert.Equal(serial.SentByKind.OrderBy(p => p.Key), parallel.SentByKind.OrderBy(p => p.Key));
        Assert.Equal(serial.PendingAtEnd.OrderBy(p => p.Key), parallel.PendingAtEnd.OrderBy(p => p.Key));
        Assert.Equal(serial.DispatchRuns, parallel.DispatchRuns);
        Assert.Equal(serial.MaxInAnyWindow, parallel.MaxInAnyWindow);
        Assert.Equal(serial.BackloggedTime, parallel.BackloggedTime);
        Assert.Equal(serial.BudgetUse, parallel.BudgetUse);
        Assert.Equal(serial.Midnights, parallel.Midnights);
        Assert.Equal((serial.FirstDataP50, serial.FirstDataP95, serial.FirstDataMax), (parallel.FirstDataP50, parallel.FirstDataP95, parallel.FirstDataMax));
        Assert.Equal(0, parallel.LinkedWithoutData);
        Assert.Equal(0, parallel.Warnings);
    }
}
