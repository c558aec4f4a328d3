using GbcPortal.Core.Espi;
using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Usage;

/// <summary>The energy series of a link that the usage views read: one for delivered, one for received.</summary>
internal sealed record UsageReadingTypes(int? DeliveredId, int? ReceivedId, int? DeliveredIntervalSeconds)
{
    public IEnumerable<int> Ids => new[] { DeliveredId, ReceivedId }.OfType<int>();

    public static UsageReadingTypes Choose(IReadOnlyList<ReadingTypeRow> rows)
    {
        // A feed may carry the same flow at two resolutions (15-minute and daily); summing both would
        // count the energy twice, so the finest one is read.
        ReadingTypeRow? Finest(int flow) => rows
            .Where(r => r.Uom == UnitOfMeasure.WattHours && r.FlowDirection == flow)
            .OrderBy(r => r.IntervalLengthSeconds ?? int.MaxValue)
            .ThenBy(r => r.Id)
            .FirstOrDefault();

        var delivered = Finest(FlowDirections.Forward);
        var received = Finest(FlowDirections.Reverse);
        return new UsageReadingTypes(delivered?.Id, received?.Id, delivered?.IntervalLengthSeconds);
    }
}
