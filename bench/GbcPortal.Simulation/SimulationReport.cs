using System.Globalization;
using GbcPortal.Core.Persistence;

namespace GbcPortal.Simulation;

/// <summary>What a run measured; <see cref="Lines"/> is the printed report, ending with the five lines scripts read.</summary>
public sealed record SimulationReport
{
    public required SimulationSettings Settings { get; init; }

    public required string Database { get; init; }

    public required DateTimeOffset Start { get; init; }

    /// <summary>C: sends one off-peak window holds at the configured rate.</summary>
    public required int NightlyCapacity { get; init; }

    /// <summary>C', what the planner gives refreshes: C less the share kept for new links.</summary>
    public required int NightlyRefreshes { get; init; }

    public required IReadOnlyDictionary<RequestKind, int> SentByKind { get; init; }

    public required IReadOnlyDictionary<RequestKind, int> PendingAtEnd { get; init; }

    public required int MaxInAnyWindow { get; init; }

    public required int PeakHourRefreshes { get; init; }

    /// <summary>Share of the limit used while sendable work waited (NaN when it never did).</summary>
    public required double BudgetUse { get; init; }

    public required TimeSpan BackloggedTime { get; init; }

    public required IReadOnlyList<MidnightSample> Midnights { get; init; }

    public required int StalenessMax { get; init; }

    /// <summary>Over every (active service, midnight) pair.</summary>
    public required int StalenessP95 { get; init; }

    /// <summary>The planner's cycle ⌈N / C'⌉ (<see cref="GbcPortal.Core.Requests.RefreshCapacity.CycleDays(int)"/>) at the last midnight (the largest N).</summary>
    public required int Bound { get; init; }

    /// <summary>Midnights whose largest staleness exceeded that midnight's own ⌈N / C'⌉.</summary>
    public required int MidnightsOverBound { get; init; }

    public required int Linked { get; init; }

    public required int LinkedWithoutData { get; init; }

    public required TimeSpan FirstDataP50 { get; init; }

    public required TimeSpan FirstDataP95 { get; init; }

    public required TimeSpan FirstDataMax { get; init; }

    public required int DispatchRuns { get; init; }

    public required int IdleRetries { get; init; }

    /// <summary>Wall time per kind of step of the simulation loop, largest first.</summary>
    public required IReadOnlyList<KeyValuePair<string, TimeSpan>> Spent { get; init; }

    public required int Warnings { get; init; }

    public required TimeSpan SeedTime { get; init; }

    public required TimeSpan SimulationTime { get; init; }

    public required TimeSpan WallTime { get; init; }

    /// <summary>The process's CPU time (user + system, all threads) during the simulation loop.</summary>
    public required TimeSpan SimulationCpu { get; init; }

    public int Sent => SentByKind.Values.Sum();

    public IEnumerable<string> Lines()
    {
        var c = CultureInfo.InvariantCulture;
        int Of(IReadOnlyDictionary<RequestKind, int> d, RequestKind k) => d.GetValueOrDefault(k);
        yield return string.Create(c, $"simulated: {Settings.Existing:N0} existing services, {Settings.ArrivingPerDay:N0} new links a day, " +
            $"{Settings.Days} days from {Start:yyyy-MM-dd HH:mm}Z ({Settings.StartDate:yyyy-MM-dd} 00:00 America/Los_Angeles)");
        yield return $"database: {Database}";
        yield return string.Create(c, $"requests sent: {Sent:N0} (Verify {Of(SentByKind, RequestKind.Verify):N0}, Backfill {Of(SentByKind, RequestKind.Backfill):N0}, " +
            $"Refresh {Of(SentByKind, RequestKind.Refresh):N0}); waiting at the end: Verify {Of(PendingAtEnd, RequestKind.Verify):N0}, " +
            $"Backfill {Of(PendingAtEnd, RequestKind.Backfill):N0}, Refresh {Of(PendingAtEnd, RequestKind.Refresh):N0}");
        yield return string.Create(c, $"backlogged for {BackloggedTime.TotalHours:0.0} h of {Settings.Days * 24} h; {DispatchRuns:N0} dispatch runs" +
            $" ({IdleRetries} asked to run again at once with nothing sent); portal warnings logged: {Warnings}");
        yield return string.Create(c, $"links made: {Linked:N0}; without data at the end: {LinkedWithoutData:N0}; " +
            $"C = {NightlyCapacity:N0} off-peak sends a night, C' = {NightlyRefreshes:N0} of them for refreshes (the planner's); " +
            $"midnights over their own bound ⌈N / C'⌉: {MidnightsOverBound} of {Midnights.Count}");
        yield return $"wall time: {SimulationEngine.Format(WallTime)} (seeding {SimulationEngine.Format(SeedTime)}, " +
            $"simulation {SimulationEngine.Format(SimulationTime)}" +
            (Settings.SerialCallbacks ? ": " : "; callbacks on a second thread: ") +
            string.Join(", ", Spent.Select(p => $"{p.Key} {SimulationEngine.Format(p.Value)}")) + ")";
        yield return string.Create(c, $"process CPU in the simulation loop: {SimulationCpu.TotalSeconds:0.0} s, " +
            $"{(Sent == 0 ? 0 : SimulationCpu.TotalMilliseconds / Sent):0.00} ms a send; wall {(Sent == 0 ? 0 : SimulationTime.TotalMilliseconds / Sent):0.00} ms a send");
        yield return string.Create(c, $"max requests in 60 s: {MaxInAnyWindow}");
        yield return string.Create(c, $"peak-hour refreshes: {PeakHourRefreshes}");
        yield return double.IsNaN(BudgetUse)
            ? "budget use while backlogged: n/a (never backlogged)"
            : string.Create(c, $"budget use while backlogged: {BudgetUse * 100:0.0}%");
        yield return string.Create(c, $"staleness at midnight: max {StalenessMax} days, p95 {StalenessP95} days, bound {Bound} days");
        yield return string.Create(c, $"first data after linking: p50 {Minutes(FirstDataP50)} min, p95 {Minutes(FirstDataP95)} min, max {Minutes(FirstDataMax)} min");
    }

    private static string Minutes(TimeSpan span) => span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);
}
