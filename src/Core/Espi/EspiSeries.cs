namespace GbcPortal.Core.Espi;

/// <summary>
/// The distinct readings of one (UsagePoint, ReadingType), ordered by start.
/// </summary>
public sealed record EspiSeries(
    UsagePointInfo UsagePoint,
    ReadingTypeInfo ReadingType,
    IReadOnlyList<IntervalReading> Readings);
