namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// An IntervalReading as written (value before the multiplier, cost in 1/100,000), kept
/// small because a whole feed's readings may wait here for their ReadingType.
/// </summary>
internal readonly record struct RawReading(long Start, int Duration, double Value, long Cost, bool HasCost, ulong Quality);
