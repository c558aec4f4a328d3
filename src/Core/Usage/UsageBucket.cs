namespace GbcPortal.Core.Usage;

/// <summary>
/// One bucket of a usage view, in kWh. A null value means no reading fell in the bucket: a gap,
/// which the chart shows as a gap and never as zero.
/// </summary>
public sealed record UsageBucket(
    DateTimeOffset Start,
    DateTimeOffset End,
    double? DeliveredKwh,
    double? ReceivedKwh,
    double? NetKwh);
