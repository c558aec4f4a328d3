namespace GbcPortal.Core.Espi;

/// <summary>
/// Limits that keep a hostile or broken feed from exhausting the process. The defaults fit
/// the largest real feeds (ten years of 15-minute data is about 90 MB) with room to spare.
/// </summary>
public sealed record EspiReaderOptions
{
    public static EspiReaderOptions Default { get; } = new();

    /// <summary>Bytes read from the stream before the feed is refused.</summary>
    public long MaxBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Element nesting depth before the feed is refused; real feeds nest about 8 deep.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Distinct warnings kept; further ones are counted in a final warning.</summary>
    public int MaxWarnings { get; init; } = 100;
}
