using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Usage;

/// <summary>The readings of one service for an export, one series per reading type.</summary>
public sealed record UsageExportData(
    string ServiceId,
    TimeZoneInfo Zone,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<EspiSeries> Series)
{
    public int ReadingCount => Series.Sum(s => s.Readings.Count);
}
