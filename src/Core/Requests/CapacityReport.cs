namespace GbcPortal.Core.Requests;

/// <summary>
/// The refresh capacity at a glance, for staff: active services against the nightly capacity at the rate in force,
/// the refresh cycle, how old each service's newest reading is, when the backlog drains, and the cycle at other rates.
/// </summary>
public sealed record CapacityReport(
    DateTimeOffset At,
    int ActiveServices,
    int WithoutReadings,
    int ConfiguredRate,
    RefreshCapacity Capacity,
    IReadOnlyList<StalenessBucket> Staleness,
    int OverdueServices,
    int NewLinkBacklog,
    int RefreshBacklog,
    DateTimeOffset? BacklogDrainsAt,
    DateTimeOffset? CycleEndsAt,
    IReadOnlyList<RateScenario> Scenarios)
{
    public int RequestsPerWindow => Capacity.RequestsPerWindow;

    /// <summary>⌈N / C⌉ nights; null when no refresh fits in a night.</summary>
    public int? CycleDays => Capacity.CycleDays(ActiveServices);

    /// <summary>The rate as staff say it: "6 a minute", or "6 per 90 s" for another window.</summary>
    public string RateLabel(int requestsPerWindow) =>
        Capacity.Window == TimeSpan.FromMinutes(1) ? $"{requestsPerWindow:N0} a minute" : $"{requestsPerWindow:N0} per {Capacity.Window.TotalSeconds:0} s";
}

/// <summary>Active services whose newest reading is <see cref="DaysOld"/> whole days old (the last bucket: that many or more).</summary>
public sealed record StalenessBucket(int DaysOld, int Services, bool AndOlder = false)
{
    public string Label => AndOlder ? $"{DaysOld}+" : DaysOld.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The nightly capacity and cycle if the utility's limit were <see cref="RequestsPerWindow"/>.</summary>
public sealed record RateScenario(int RequestsPerWindow, long NightlyRefreshes, int? CycleDays);
