namespace GbcPortal.Core.Espi.Reading;

/// <summary>The Atom links of one entry, as normalized keys (see <see cref="LinkKey"/>) plus the raw self href.</summary>
internal sealed class EntryLinks
{
    public string? SelfHref { get; set; }

    public string? Self { get; set; }

    public string? Up { get; set; }

    public List<string> Related { get; } = [];

    public string? EntryId { get; set; }

    public string? Title { get; set; }

    /// <summary>The id a resource is known by outside: its self link, else its entry id.</summary>
    public string PublicId(string fallback) => SelfHref ?? EntryId ?? fallback;

    public void Clear()
    {
        SelfHref = Self = Up = EntryId = Title = null;
        Related.Clear();
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
