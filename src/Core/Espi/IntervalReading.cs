namespace GbcPortal.Core.Espi;

/// <summary>
/// One interval reading in base units: <see cref="Value"/> is already multiplied by
/// 10^powerOfTenMultiplier (Wh for uom 72), <see cref="Cost"/> is in currency units
/// (ESPI carries 1/100,000).
/// </summary>
public readonly record struct IntervalReading(
    DateTimeOffset Start,
    int DurationSeconds,
    double Value,
    decimal? Cost = null,
    QualityCodes Quality = default)
{
    public DateTimeOffset End => Start.AddSeconds(DurationSeconds);
}
