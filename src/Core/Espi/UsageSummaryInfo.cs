namespace GbcPortal.Core.Espi;

/// <summary>
/// A UsageSummary (or ElectricPowerUsageSummary) for a billing period, in base units.
/// </summary>
public sealed record UsageSummaryInfo(
    string UsagePointId,
    DateTimeOffset PeriodStart,
    int PeriodDurationSeconds,
    double? ConsumptionValue,
    string? ConsumptionUnit,
    decimal? BillAmount,
    int? Currency);
