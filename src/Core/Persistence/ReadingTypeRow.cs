using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Persistence;

/// <summary>
/// A reading type seen for a link. Identified by <see cref="Key"/> (what it measures), not by its
/// Atom self link, because a utility may name the same series differently from one feed to the next.
/// </summary>
public class ReadingTypeRow
{
    public int Id { get; set; }

    public int LinkId { get; set; }

    public ServiceLink? Link { get; set; }

    /// <summary>Commodity, flow, unit, interval, kind and accumulation; unique per link (see <see cref="KeyOf"/>).</summary>
    public required string Key { get; set; }

    /// <summary>The ReadingType's self link (or entry id) in the latest feed.</summary>
    public string? EspiId { get; set; }

    public int? FlowDirection { get; set; }

    public int Uom { get; set; }

    public int? Commodity { get; set; }

    public int? IntervalLengthSeconds { get; set; }

    public int? Kind { get; set; }

    public int? Accumulation { get; set; }

    public int PowerOfTenMultiplier { get; set; }

    public static string KeyOf(ReadingTypeInfo info) =>
        $"c{info.Commodity}/f{info.FlowDirection}/u{info.Uom}/i{info.IntervalLengthSeconds}/k{info.Kind}/a{info.Accumulation}";

    public static ReadingTypeRow From(int linkId, ReadingTypeInfo info) => new()
    {
        LinkId = linkId,
        Key = KeyOf(info),
        EspiId = info.Id,
        FlowDirection = info.FlowDirection,
        Uom = info.Uom,
        Commodity = info.Commodity,
        IntervalLengthSeconds = info.IntervalLengthSeconds,
        Kind = info.Kind,
        Accumulation = info.Accumulation,
        PowerOfTenMultiplier = info.PowerOfTenMultiplier,
    };
}
