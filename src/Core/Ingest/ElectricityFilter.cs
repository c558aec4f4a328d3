using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Ingest;

/// <summary>
/// The utility shares electricity consumption only, but real feeds carry gas and water beside
/// it; only electric energy (Wh) becomes readings, everything else is counted and skipped.
/// </summary>
public static class ElectricityFilter
{
    // ESPI CommodityKind: 0 not applicable, 1 electricity secondary metered, 2 electricity primary metered.
    private static readonly int?[] ElectricCommodities = [null, 0, 1, 2];

    public static bool Keeps(EspiSeries series) => Keeps(series.UsagePoint, series.ReadingType);

    public static bool Keeps(UsagePointInfo usagePoint, ReadingTypeInfo readingType)
    {
        var electric = usagePoint.Kind switch
        {
            ServiceKind.Electricity => true,
            // An empty kind is common in real feeds: the reading type then tells.
            ServiceKind.Unknown => ElectricCommodities.Contains(readingType.Commodity),
            _ => false,
        };
        return electric && readingType.Uom == UnitOfMeasure.WattHours;
    }
}
