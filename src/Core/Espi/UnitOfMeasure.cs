namespace GbcPortal.Core.Espi;

/// <summary>ESPI UnitSymbolKind codes that Green Button files use.</summary>
public static class UnitOfMeasure
{
    public const int WattHours = 72;
    public const int Watts = 38;
    public const int Therms = 169;

    public static string Symbol(int uom) => uom switch
    {
        0 => "",
        5 => "A",
        6 => "K",
        29 => "V",
        38 => "W",
        61 => "VA",
        63 => "VAr",
        71 => "VAh",
        72 => "Wh",
        73 => "VArh",
        106 => "Ah",
        119 => "ft3",
        122 => "ft3/h",
        125 => "m3",
        126 => "m3/h",
        128 => "US gal",
        129 => "US gal/h",
        132 => "BTU",
        133 => "BTU/h",
        169 => "therm",
        _ => $"uom{uom}",
    };
}
