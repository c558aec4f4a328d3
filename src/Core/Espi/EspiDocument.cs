namespace GbcPortal.Core.Espi;

/// <summary>
/// What an ESPI feed says, in base units, with repeated readings collapsed. A BatchList
/// notification has no series but its <see cref="ResourceUris"/>.
/// </summary>
public sealed record EspiDocument(
    IReadOnlyList<UsagePointInfo> UsagePoints,
    IReadOnlyList<EspiSeries> Series,
    IReadOnlyList<UsageSummaryInfo> Summaries,
    IReadOnlyList<string> Warnings,
    int DuplicatesDropped,
    IReadOnlyList<Uri> ResourceUris)
{
    public bool IsBatchList => ResourceUris.Count > 0 && Series.Count == 0;
}
