namespace GbcPortal.Core.Espi;

/// <summary>
/// One series of a streamed feed (<see cref="EspiWriter.WriteAsync"/>): its reading type and its
/// readings in increasing start order, read only while the feed is written.
/// </summary>
public sealed record EspiSeriesSource(ReadingTypeInfo ReadingType, IAsyncEnumerable<IntervalReading> Readings);
