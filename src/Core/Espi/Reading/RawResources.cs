namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// The Atom links of one entry as written; keys (see <see cref="LinkKey"/>) are made only
/// for the links a resource needs, since most entries are IntervalBlocks that need one.
/// </summary>
internal sealed class EntryLinks
{
    public string? SelfHref { get; set; }

    public string? UpHref { get; set; }

    public List<string> RelatedHrefs { get; } = [];

    public string? EntryId { get; set; }

    public string? Title { get; set; }

    public string? Self => SelfHref is null ? null : LinkKey.Normalize(SelfHref);

    public string? Up => UpHref is null ? null : LinkKey.Normalize(UpHref);

    public List<string> Related() => RelatedHrefs.ConvertAll(LinkKey.Normalize);

    private string? _lastUpHref;
    private string? _lastParent;

    /// <summary>The MeterReading a block names; every block of a series repeats the same up link, so the last key is reused.</summary>
    public string? BlockParent()
    {
        if (UpHref is { } up)
        {
            if (!string.Equals(up, _lastUpHref, StringComparison.Ordinal))
            {
                var key = LinkKey.Normalize(up);
                (_lastUpHref, _lastParent) = (up, LinkKey.ParentOf(key, "IntervalBlock") ?? key);
            }
            return _lastParent;
        }
        return Self is { } self ? LinkKey.OwnerOf(self, "IntervalBlock") : null;
    }

    public void Clear()
    {
        SelfHref = UpHref = EntryId = Title = null;
        RelatedHrefs.Clear();
    }
}

internal sealed record RawUsagePoint(string Key, string Id, string? Title, int? Kind, bool KindEmpty, List<string> Related, string? Up);

internal sealed record RawMeterReading(string Key, string Id, string? Up, List<string> Related);

internal sealed record RawReadingType(string Key, ReadingTypeInfo Info);

internal sealed record RawLocalTime(string Key, string? TzOffset, string? DstOffset, string? DstStartRule, string? DstEndRule, int Line);

internal sealed record RawSummary(
    string? Up,
    long? PeriodStart,
    long? PeriodDuration,
    double? Consumption,
    int? ConsumptionUom,
    int ConsumptionMultiplier,
    long? Bill,
    int? Currency);
