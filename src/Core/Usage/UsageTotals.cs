namespace GbcPortal.Core.Usage;

/// <summary>The totals header of a period, in kWh; null when the period has no data for the flow.</summary>
public sealed record UsageTotals(
    double? DeliveredKwh,
    double? ReceivedKwh,
    double? NetKwh,
    UsagePeak? Peak,
    double? AverageDayKwh,
    int DaysWithData,
    int Readings);
