namespace GbcPortal.Core.Requests;

/// <summary>
/// How many refreshes fit in an off-peak window at a rate, and so how often each active service can be refreshed.
/// The off-peak window holds <see cref="OffPeakSlots"/> sends; <see cref="NewLinkShare"/> of them are kept for new
/// links' work (<see cref="DispatchOptions.OffPeakNewLinkShare"/>); the rest, <see cref="NightlyRefreshes"/> (C), go to
/// refreshes, so N active services are each refreshed at least every ⌈N / C⌉ nights, the stalest first.
/// </summary>
/// <param name="RequestsPerWindow">The rate in force (sends per <paramref name="Window"/>).</param>
/// <param name="Window">The utility's rate window (60 s).</param>
/// <param name="OffPeak">The length of the off-peak window (12 h), or of what is left of tonight's.</param>
/// <param name="NewLinkShare">The share of off-peak sends kept for new links (0 to 0.9).</param>
public sealed record RefreshCapacity(int RequestsPerWindow, TimeSpan Window, TimeSpan OffPeak, double NewLinkShare)
{
    // Products of a rate and a share such as 4,320 x 0.1 are not exact in binary; a whole number stays whole.
    private const double Epsilon = 1e-9;

    /// <summary>The nominal night at a rate: the configured window and share, the off-peak window's wall-clock length.</summary>
    public static RefreshCapacity Nominal(DispatchOptions settings, OffPeakWindow offPeak, int requestsPerWindow) =>
        new(requestsPerWindow, settings.Window, offPeak.NominalLength, settings.OffPeakNewLinkShare);

    /// <summary>Sends that start inside the off-peak window: whole rate windows times the rate.</summary>
    public long OffPeakSlots => OffPeak <= TimeSpan.Zero ? 0 : OffPeak.Ticks / Window.Ticks * (long)RequestsPerWindow;

    /// <summary>Sends in the peak hours of a day (only Verify and Backfill go out then).</summary>
    public long PeakSlots => Math.Max(0, (TimeSpan.FromDays(1) - OffPeak).Ticks / Window.Ticks) * RequestsPerWindow;

    /// <summary>Off-peak sends kept for new links (rounded up): what refreshes cannot count on.</summary>
    public long NewLinkReserve => (long)Math.Ceiling(OffPeakSlots * NewLinkShare - Epsilon);

    /// <summary>C: the refreshes an off-peak window holds.</summary>
    public long NightlyRefreshes => OffPeakSlots - NewLinkReserve;

    /// <summary>⌈N / C⌉ nights for <paramref name="activeServices"/>; null when no refresh fits (C = 0).</summary>
    public int? CycleDays(int activeServices) => CycleDays(activeServices, NightlyRefreshes);

    /// <summary>The same capacity at another rate ("at 4 a minute the cycle becomes 9 days").</summary>
    public RefreshCapacity WithRate(int requestsPerWindow) => this with { RequestsPerWindow = requestsPerWindow };

    /// <summary>⌈N / C⌉, at least one night; null when <paramref name="nightlyCapacity"/> is 0.</summary>
    public static int? CycleDays(int activeServices, long nightlyCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(activeServices);
        ArgumentOutOfRangeException.ThrowIfNegative(nightlyCapacity);
        return nightlyCapacity == 0 ? null : (int)Math.Max(1, (activeServices + nightlyCapacity - 1) / nightlyCapacity);
    }
}
