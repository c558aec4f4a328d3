namespace GbcPortal.Core.Staff;

/// <summary>
/// The last seven days of the pipeline for the charts on <c>/staff</c>: sends per hour against the limit, the
/// backlog's samples, and the off-peak windows to shade. Instants are UTC; <see cref="TimeZoneId"/> is the
/// off-peak window's zone, in which the charts are labelled.
/// </summary>
public sealed record PipelineCharts(
    DateTimeOffset From,
    DateTimeOffset To,
    double LimitPerHour,
    IReadOnlyList<HourlySends> Sends,
    IReadOnlyList<BacklogPoint> Backlog,
    IReadOnlyList<TimeBand> OffPeak,
    string TimeZoneId,
    TimeSpan OffPeakStart,
    TimeSpan OffPeakEnd);

/// <summary>Requests sent in the hour starting at <see cref="Hour"/>, by kind; <see cref="Other"/> is a send whose request is gone.</summary>
public sealed record HourlySends(DateTimeOffset Hour, int Verify, int Backfill, int Refresh, int Other)
{
    public int Total => Verify + Backfill + Refresh + Other;
}

public sealed record BacklogPoint(DateTimeOffset At, int Pending, int Submitted);

public sealed record TimeBand(DateTimeOffset Start, DateTimeOffset End);
