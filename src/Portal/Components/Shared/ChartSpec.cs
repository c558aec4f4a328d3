namespace GbcPortal.Portal.Components.Shared;

/// <summary>
/// A time-series chart for <see cref="UsageChart"/> when it draws something other than usage buckets (the staff
/// charts): series of points, stacked or not, shaded bands of time, and tick marks chosen by the server.
/// </summary>
public sealed record ChartSpec(string Type, string YLabel, string TimeZoneId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ChartSeries> Series)
{
    public bool Stacked { get; init; }

    public string? XLabel { get; init; }

    public IReadOnlyList<ChartBand> Bands { get; init; } = [];

    public string? BandLabel { get; init; }

    public string BandColor { get; init; } = "rgba(95, 107, 118, 0.14)";

    /// <summary>Where the x axis gets its labels; the chart's zone formats them.</summary>
    public IReadOnlyList<DateTimeOffset> Ticks { get; init; } = [];

    public double? SuggestedMax { get; init; }
}

/// <summary>One series: <paramref name="Type"/> is <c>bar</c> or <c>line</c>; a series with <see cref="Stacked"/> false stays out of the stack.</summary>
public sealed record ChartSeries(string Key, string Label, string Color, string Type, IReadOnlyList<ChartPoint> Points)
{
    public bool Stacked { get; init; } = true;

    public bool Fill { get; init; }

    public bool Dashed { get; init; }

    public bool Stepped { get; init; }
}

public readonly record struct ChartPoint(DateTimeOffset At, double? Value);

public readonly record struct ChartBand(DateTimeOffset From, DateTimeOffset To);
