namespace GbcPortal.Core.Usage;

/// <summary>
/// The totals header of a period, in kWh; null when the period has no data for the flow. No reading
/// count: nothing shows one, and counting costs a pass over every row of the period.
/// </summary>
public sealed record UsageTotals(
    double? DeliveredKwh,
    double? ReceivedKwh,
    double? NetKwh,
    UsagePeak? Peak,
    double? AverageDayKwh,
    int DaysWithData);
