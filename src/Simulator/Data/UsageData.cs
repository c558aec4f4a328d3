using GbcPortal.Core.Espi;
using GbcPortal.Simulator.Accounts;

namespace GbcPortal.Simulator.Data;

/// <summary>
/// The readings the utility has for an account: those of <see cref="UsageModel"/> whose whole
/// interval lies in the asked window and in what is available (from the history's start to the
/// previous local midnight, a real utility's one-day lag).
/// </summary>
internal sealed class UsageData(TimeProvider time, int historyDays)
{
    private const int ElectricitySecondaryMetered = 1;
    private const int EnergyKind = 12;
    private const int DeltaData = 4;
    private const int RevenueQuality = 19;

    /// <summary>[first, last) of the data the utility holds now, in UTC.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Available()
    {
        var pacific = LocalTimeParameters.Pacific;
        var localNow = pacific.ToLocal(time.GetUtcNow());
        var midnight = new DateTimeOffset(localNow.Date, localNow.Offset);
        // On a DST change day midnight has the offset of the day before the 2 am change.
        midnight = new DateTimeOffset(localNow.Date, pacific.OffsetAt(midnight));
        return (midnight.AddDays(-historyDays), midnight);
    }

    public IEnumerable<(long Start, long Delivered, long Received)> Intervals(SimAccount account, DateTimeOffset start, DateTimeOffset end)
    {
        var (from, to) = Available();
        var first = Math.Max(start.ToUnixTimeSeconds(), Math.Max(from.ToUnixTimeSeconds(), account.DataFrom?.ToUnixTimeSeconds() ?? long.MinValue));
        var last = Math.Min(end.ToUnixTimeSeconds(), Math.Min(to.ToUnixTimeSeconds(), account.DataUntil?.ToUnixTimeSeconds() ?? long.MaxValue));
        var length = account.IntervalSeconds;
        // Interval lengths divide an hour and Pacific offsets are whole hours: epoch-aligned is local-aligned.
        for (var s = (first + length - 1) / length * length; s + length <= last; s += length)
        {
            var (delivered, received) = UsageModel.Reading(account, s);
            yield return (s, delivered, received);
        }
    }

    /// <summary>True totals per flow direction, the answer of <c>GET /sim/accounts/{id}/usage</c>.</summary>
    public IReadOnlyDictionary<int, FlowTotal> Totals(SimAccount account, DateTimeOffset start, DateTimeOffset end)
    {
        long count = 0, delivered = 0, received = 0;
        foreach (var reading in Intervals(account, start, end))
        {
            count++;
            delivered += reading.Delivered;
            received += reading.Received;
        }
        var unit = Unit(account.PowerOfTenMultiplier);
        var totals = new Dictionary<int, FlowTotal> { [FlowDirections.Forward] = new(count, delivered * unit) };
        if (account.Solar)
            totals[FlowDirections.Reverse] = new FlowTotal(count, received * unit);
        return totals;
    }

    public IReadOnlyList<EspiSeries> Series(SimAccount account, DateTimeOffset start, DateTimeOffset end)
    {
        var usagePoint = new UsagePointInfo(account.ServiceId, ServiceKind.Electricity, $"Service {account.ServiceId}", LocalTimeParameters.Pacific);
        var quality = QualityCodes.None.With(RevenueQuality);
        var scale = Math.Pow(10, -account.PowerOfTenMultiplier);
        List<IntervalReading> delivered = [], received = [];
        foreach (var (s, d, r) in Intervals(account, start, end))
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(s);
            delivered.Add(new IntervalReading(at, account.IntervalSeconds, d / scale, Quality: quality));
            received.Add(new IntervalReading(at, account.IntervalSeconds, r / scale, Quality: quality));
        }

        List<EspiSeries> series = [new(usagePoint, Type(account, FlowDirections.Forward), delivered)];
        if (account.Solar)
            series.Add(new EspiSeries(usagePoint, Type(account, FlowDirections.Reverse), received));
        return series;
    }

    private static ReadingTypeInfo Type(SimAccount account, int flow) => new(
        $"{account.IntervalSeconds}-{flow}-{account.PowerOfTenMultiplier}",
        ElectricitySecondaryMetered,
        flow,
        UnitOfMeasure.WattHours,
        account.PowerOfTenMultiplier,
        account.IntervalSeconds,
        EnergyKind,
        DeltaData);

    private static decimal Unit(int powerOfTen) => powerOfTen >= 0 ? Pow10(powerOfTen) : 1m / Pow10(-powerOfTen);

    private static decimal Pow10(int n)
    {
        var result = 1m;
        for (var i = 0; i < n; i++)
            result *= 10;
        return result;
    }
}

/// <summary>How many readings of one flow direction, and their sum in Wh.</summary>
public sealed record FlowTotal(
    [property: System.Text.Json.Serialization.JsonPropertyName("readings")] long Readings,
    [property: System.Text.Json.Serialization.JsonPropertyName("wh")] decimal Wh);
