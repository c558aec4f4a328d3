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
    /// Budget use while a backlog existed: the requests that reached the utility during backlogged stretches,
    /// over the most the limit allowed in them. A stretch [a, b] (consecutive samples with sendable requests
    /// waiting) allows what the window before a left free, plus <paramref name="rate"/> per window after a.
    /// </summary>
    public static (int Used, double Allowed) BudgetUse(IReadOnlyList<Arrival> arrivals, IReadOnlyList<(DateTimeOffset At, int Backlog)> samples,
        int rate, TimeSpan window, TimeSpan sampleEvery)
    {
        var times = arrivals.Select(a => a.At).Order().ToList();
        int Count(DateTimeOffset from, DateTimeOffset to) => times.Count(t => t >= from && t < to);
        var used = 0;
        var allowed = 0.0;
        foreach (var (start, end) in Stretches(samples, sampleEvery))
        {
            used += Count(start, end);
            allowed += Math.Max(0, rate - Count(start - window, start)) + rate * (end - start).TotalSeconds / window.TotalSeconds;
        }
        return (used, allowed);
    }

    /// <summary>Consecutive samples with a backlog, as [first sample, last sample + one interval).</summary>
    public static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Stretches(IReadOnlyList<(DateTimeOffset At, int Backlog)> samples, TimeSpan sampleEvery)
    {
        DateTimeOffset? start = null;
        var previous = DateTimeOffset.MinValue;
        foreach (var (at, backlog) in samples)
        {
            // A gap in the samples (the database restarting) ends a stretch: nothing is known inside it.
            var gap = start is not null && at - previous > sampleEvery * 3;
            if (start is { } open && (backlog == 0 || gap))
            {
                yield return (open, previous + sampleEvery);
                start = null;
            }
            if (backlog > 0 && start is null)
                start = at;
            previous = at;
        }
        if (start is { } last)
            yield return (last, previous + sampleEvery);
    }
}
