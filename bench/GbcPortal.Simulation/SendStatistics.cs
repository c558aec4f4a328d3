namespace GbcPortal.Simulation;

/// <summary>Periods during which the dispatcher had something it could send (a backlog), from the states seen after each step.</summary>
public sealed class BacklogTracker
{
    private readonly List<(DateTimeOffset From, DateTimeOffset To)> intervals = [];
    private DateTimeOffset? since;

    public IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Intervals => intervals;

    /// <summary>From <paramref name="at"/> on, until the next mark, there is (or is not) sendable work waiting.</summary>
    public void Mark(DateTimeOffset at, bool backlogged)
    {
        if (backlogged)
        {
            since ??= at;
            return;
        }

        if (since is { } from && at > from)
        {
            intervals.Add((from, at));
        }

        since = null;
    }
}

/// <summary>Figures over the instants the utility received requests at.</summary>
public static class SendStatistics
{
    /// <summary>The most requests in any closed interval [t - window, t].</summary>
    public static int MaxInAnyWindow(IReadOnlyList<DateTimeOffset> sorted, TimeSpan window)
    {
        var (max, first) = (0, 0);
        for (var last = 0; last < sorted.Count; last++)
        {
            while (sorted[first] < sorted[last] - window)
            {
                first++;
            }

            max = Math.Max(max, last - first + 1);
        }

        return max;
    }

    /// <summary>
    /// Budget use while backlogged: over every instant t of the backlogged periods, the requests received in
    /// (t - window, t] as a share of the limit, averaged (exactly: the count is constant between send instants and
    /// their ends of window). A dispatcher that sends the limit every window plus the slot margin scores window / (window + margin).
    /// </summary>
    public static double BudgetUse(IReadOnlyList<DateTimeOffset> sorted, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> periods,
        TimeSpan window, int limit)
    {
        double used = 0, total = 0;
        foreach (var (from, to) in periods)
        {
            var edges = new List<DateTimeOffset> { from, to };
            for (var i = UpperBound(sorted, from - window); i < sorted.Count && sorted[i] <= to; i++)
            {
                edges.Add(sorted[i]);
                edges.Add(sorted[i] + window);
            }

            edges = edges.Where(e => e >= from && e <= to).Distinct().Order().ToList();
            for (var i = 1; i < edges.Count; i++)
            {
                var mid = edges[i - 1] + ((edges[i] - edges[i - 1]) / 2);
                var count = UpperBound(sorted, mid) - UpperBound(sorted, mid - window);
                used += count / (double)limit * (edges[i] - edges[i - 1]).TotalSeconds;
            }

            total += (to - from).TotalSeconds;
        }

        return total == 0 ? double.NaN : used / total;
    }

    /// <summary>How many of the sorted instants are at or before <paramref name="t"/>.</summary>
    private static int UpperBound(IReadOnlyList<DateTimeOffset> sorted, DateTimeOffset t)
    {
        var (lo, hi) = (0, sorted.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = sorted[mid] <= t ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }
}
