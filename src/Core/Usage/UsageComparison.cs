namespace GbcPortal.Core.Usage;

/// <summary>Delivered energy of another period, and the change from it to the period on screen.</summary>
public sealed record UsageComparison(UsagePeriod Period, double? DeliveredKwh, double? ChangePercent)
{
    public static UsageComparison Of(UsagePeriod period, double? otherKwh, double? currentKwh) =>
        new(period, otherKwh,
            otherKwh is > 0 && currentKwh is { } current ? Math.Round((current - otherKwh.Value) / otherKwh.Value * 100, 1) : null);
}
