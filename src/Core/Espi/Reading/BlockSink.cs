namespace GbcPortal.Core.Espi.Reading;

/// <summary>Receives each entry's IntervalBlock readings once the entry's links are known.</summary>
internal abstract class BlockSink
{
    /// <param name="parentKey">The MeterReading the block names (from its up or self link), or null.</param>
    public abstract void Accept(string? parentKey, ReadOnlySpan<RawReading> readings);
}
