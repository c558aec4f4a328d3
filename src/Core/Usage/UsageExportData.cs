using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Usage;

/// <summary>
/// What an export of one service will hold, found before a byte is written: the usage point, its
/// series and the range [<see cref="From"/>, <see cref="To"/>) (null: the whole history). The
/// readings themselves are read while the file is written.
/// </summary>
public sealed record UsageExportData(
    string ServiceId,
    int LinkId,
    UsagePointInfo UsagePoint,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyList<UsageExportSeries> Series,
    DateTimeOffset Updated);

/// <summary>One stored reading type of the export, as written in both files.</summary>
public sealed record UsageExportSeries(int ReadingTypeId, ReadingTypeInfo ReadingType);
