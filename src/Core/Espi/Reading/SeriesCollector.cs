using System.Runtime.InteropServices;

namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// For <see cref="EspiReader.Read"/>: keeps each block's raw readings by the MeterReading it
/// names, then at the end ties them to series, converts, orders by start and drops repeats
/// (the first in document order wins).
/// </summary>
internal sealed class SeriesCollector : BlockSink
{
    private readonly Dictionary<string, List<RawReading>> _byParent = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public override void Accept(string? parentKey, ReadOnlySpan<RawReading> readings)
    {
        var key = parentKey ?? "";
        if (!_byParent.TryGetValue(key, out var list))
        {
            _byParent[key] = list = new List<RawReading>(Math.Max(readings.Length, 16));
            _order.Add(key);
        }
        list.AddRange(readings);
    }

    public (List<EspiSeries> Series, int Dropped) Build(LinkResolver resolver)
    {
        var groups = new Dictionary<string, (SeriesTarget Target, List<List<RawReading>> Parts)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var parent in _order)
        {
            if (resolver.Resolve(parent.Length == 0 ? null : parent, final: true) is not { } target)
                continue;
            if (!groups.TryGetValue(target.Key, out var group))
            {
                groups[target.Key] = group = (target, []);
                order.Add(target.Key);
            }
            group.Parts.Add(_byParent[parent]);
        }

        var series = new List<EspiSeries>(order.Count);
        var dropped = 0;
        foreach (var key in order)
        {
            var (target, parts) = groups[key];
            var readings = Convert(parts, target.ReadingType.PowerOfTenMultiplier);
            var distinct = ReadingOrder.SortDistinct(readings, out var repeats);
            dropped += repeats;
            var readingType = target.ReadingType.IntervalLengthSeconds is null && distinct.Length > 0
                ? target.ReadingType with { IntervalLengthSeconds = ReadingOrder.MostCommonDuration(distinct) }
                : target.ReadingType;
            series.Add(new EspiSeries(target.UsagePoint, readingType, distinct));
        }
        return (series, dropped);
    }

    private static IntervalReading[] Convert(List<List<RawReading>> parts, int multiplier)
    {
        var total = 0;
        foreach (var part in parts)
            total += part.Count;
        var result = new IntervalReading[total];
        var index = 0;
        foreach (var part in parts)
        {
            foreach (ref readonly var raw in CollectionsMarshal.AsSpan(part))
                result[index++] = ReadingConverter.ToReading(raw, multiplier);
        }
        return result;
    }
}
