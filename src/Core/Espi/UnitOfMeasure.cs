using System.Collections.Frozen;

namespace GbcPortal.Core.Espi;

/// <summary>
/// ESPI UnitSymbolKind codes that Green Button files use: each with its name in espi.xsd (the
/// enumeration's appinfo, which a test checks against the schema) and the symbol we display.
/// </summary>
public static class UnitOfMeasure
{
    public const int WattHours = 72;
    public const int Watts = 38;
    public const int Therms = 169;

    /// <summary>The codes the reader names: electricity, gas and water volumes and flows, heat.</summary>
    public static readonly IReadOnlyList<UnitSymbol> Known =
    [
        new(0, "none", ""),
        new(5, "A", "A"),
        new(6, "K", "K"),
        new(29, "V", "V"),
        new(38, "W", "W"),
        new(42, "m3", "m3"),
        new(61, "VA", "VA"),
        new(63, "VAr", "VAr"),
        new(71, "VAh", "VAh"),
        new(72, "Wh", "Wh"),
        new(73, "VArh", "VArh"),
        new(106, "Ah", "Ah"),
        new(119, "ft3", "ft3"),
        new(120, "ft3compensated", "ft3 (compensated)"),
        new(123, "ft3compensatedPerH", "ft3 (compensated)/h"),
        new(125, "m3PerH", "m3/h"),
        new(126, "m3compensatedPerH", "m3 (compensated)/h"),
        new(127, "m3uncompensatedPerH", "m3 (uncompensated)/h"),
        new(128, "usGal", "US gal"),
        new(129, "usGalPerH", "US gal/h"),
        new(132, "btu", "BTU"),
        new(133, "btuPerH", "BTU/h"),
        new(166, "m3uncompensated", "m3 (uncompensated)"),
        new(167, "m3compensated", "m3 (compensated)"),
        new(169, "therm", "therm"),
    ];

    private static readonly FrozenDictionary<int, UnitSymbol> ByCode = Known.ToFrozenDictionary(u => u.Code);

    private static readonly FrozenDictionary<string, UnitSymbol> BySymbol =
        Known.Where(u => u.Symbol.Length > 0).ToFrozenDictionary(u => u.Symbol, StringComparer.Ordinal);

    /// <summary>The display symbol of <paramref name="uom"/>; an unknown code shows as <c>uom{code}</c>.</summary>
    public static string Symbol(int uom) => ByCode.TryGetValue(uom, out var unit) ? unit.Symbol : $"uom{uom}";

    /// <summary>The code whose display symbol is <paramref name="symbol"/> (the inverse of <see cref="Symbol"/>).</summary>
    public static int? CodeOf(string? symbol) =>
        symbol is not null && BySymbol.TryGetValue(symbol, out var unit) ? unit.Code : null;
}

/// <param name="Code">The UnitSymbolKind value.</param>
/// <param name="SchemaName">Its name in espi.xsd (the enumeration's appinfo).</param>
/// <param name="Symbol">What we show beside a number.</param>
public sealed record UnitSymbol(int Code, string SchemaName, string Symbol);
