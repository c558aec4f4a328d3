namespace GbcPortal.Core.Usage;

/// <summary>
/// What a usage page shows for one period: buckets for the chart, totals, and comparisons.
/// Kilowatt-hours throughout; null means no data (a gap), never zero.
/// </summary>
public sealed record UsageReport(
    int LinkId,
    string ServiceId,
    string TimeZoneId,
    UsagePeriod Period,
    UsageGranularity Granularity,
    bool HasReceived,
    IReadOnlyList<UsageBucket> Buckets,
    UsageTotals Totals,
    UsageComparison Previous,
    UsageComparison SameLastYear)
{
    /// <summary>
    /// When the service's Service ID was replaced (a meter swap), which Service ID each span of the history comes
    /// from, oldest first; empty for a service with one Service ID.
    /// </summary>
    public IReadOnlyList<UsageSource> Sources { get; init; } = [];
}
