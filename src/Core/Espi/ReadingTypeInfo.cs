namespace GbcPortal.Core.Espi;

/// <summary>
/// An ESPI ReadingType. <see cref="Id"/> is its Atom self link (or entry id when it has none).
/// Values of readings of this type are already in <see cref="BaseUnit"/>.
/// </summary>
public sealed record ReadingTypeInfo(
    string Id,
    int? Commodity,
    int? FlowDirection,
    int Uom,
    int PowerOfTenMultiplier,
    int? IntervalLengthSeconds,
    int? Kind = null,
    int? Accumulation = null,
    int? Currency = null,
    int? DefaultQuality = null)
{
    /// <summary>The unit that values are expressed in once the multiplier is applied.</summary>
    public string BaseUnit => UnitOfMeasure.Symbol(Uom);
}
