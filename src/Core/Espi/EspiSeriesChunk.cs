namespace GbcPortal.Core.Espi;

/// <summary>
/// Readings handed out by <see cref="EspiReader.ReadStreaming"/>: usually one IntervalBlock's
/// distinct readings (base units, in document order). The same series arrives in many chunks.
/// </summary>
public sealed record EspiSeriesChunk(
    UsagePointInfo UsagePoint,
    ReadingTypeInfo ReadingType,
    IReadOnlyList<IntervalReading> Readings);
