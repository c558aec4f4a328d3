using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Core.Gbc;

/// <summary>
/// The one size limit on a body from the utility (section <c>Callback</c>, the key it always had): a callback it
/// posts (413 past it), a Notify resource we GET from it, and so the largest feed ingest parses.
/// </summary>
public sealed class BodyLimitOptions
{
    public const string SectionName = "Callback";

    /// <summary>A 185-day 15-minute feed with two flows is about 10 MB.</summary>
    [Range(1024, 1L << 31)]
    public long MaxBodyBytes { get; set; } = 64L * 1024 * 1024;
}
