namespace GbcPortal.Soak.Tests;

/// <summary>One UsageRequest POST as the simulator logged it (<c>GET /sim/requests</c>).</summary>
public sealed record Arrival(DateTimeOffset At, string? RequestId, string? ServiceId, long? Start, long? DurationSeconds, int Status);

/// <summary>The figures of a soak, worked out from the utility's own request log and the backlog samples.</summary>
public static class SoakFigures
{
    /// <summary>The most requests the utility received in any window of <paramref name="window"/> (each arrival opens one).</summary>
    public static int MostInAnyWindow(IReadOnlyList<Arrival> arrivals, TimeSpan window)
    {
        var times = arrivals.Select(a => a.At).Order().ToList();
        var most = 0;
        for (int first = 0, last = 0; first < times.Count; first++)
        {
            while (last < times.Count && times[last] < times[first] + window)
                last++;
            most = Math.Max(most, last - first);
        }
        return most;
    }

    /// <summary>Windows (Service ID, start, duration) the utility accepted more than once.</summary>
    public static IReadOnlyList<string> AcceptedTwice(IReadOnlyList<Arrival> arrivals) =>
        [.. arrivals.Where(a => a.Status == 202).GroupBy(a => (a.ServiceId, a.Start, a.DurationSeconds)).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.ServiceId} [{g.Key.Start}, +{g.Key.DurationSeconds} s) x{g.Count()}")];

    /// <summary>
    /// Budget use while a backlog existed: at every sample that found sendable requests waiting (and had found
    /// some a second before, so work just created has had a moment to go), the share of the limit the utility
    /// saw used in the window before it; averaged over those samples. A window is the utility's 60 s plus
    /// <paramref name="slack"/> (the portal's slot margin and wake-up), the same allowance for every sample.
    /// </summary>
    public static (double Use, int Samples) BudgetUse(IReadOnlyList<Arrival> arrivals, IReadOnlyList<(DateTimeOffset At, int Backlog)> samples,
        int rate, TimeSpan window, TimeSpan slack)
    {
        var times = arrivals.Select(a => a.At).Order().ToList();
        var total = 0.0;
        var counted = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            var (at, backlog) = samples[i];
            var before = samples.Take(i).LastOrDefault(s => s.At <= at - TimeSpan.FromSeconds(1));
            if (backlog == 0 || before.Backlog == 0 || at - before.At > TimeSpan.FromSeconds(2))
                continue;
            var used = times.Count(t => t > at - window - slack && t <= at);
            total += Math.Min(used, rate) / (double)rate;
            counted++;
        }
        return (counted == 0 ? 1 : total / counted, counted);
    }
}
