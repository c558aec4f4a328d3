using System.Runtime.InteropServices;

namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// For <see cref="EspiReader.Read"/>: converts each block straight into its series when its
/// links already resolve (the usual order: MeterReading and ReadingType before the blocks),
/// and keeps the raw readings of the others until the end of the feed. At the end it orders
/// each series by start and drops repeats (the first in document order wins).
/// </summary>
internal sealed class SeriesCollector(LinkResolver resolver) : BlockSink
{
    private readonly Dictionary<string, (SeriesTarget Target, ReadingList Readings)> _series = new(StringComparer.Ordinal);
    private readonly List<string> _seriesOrder = [];
    private readonly Dictionary<string, List<RawReading>> _pending = new(StringComparer.Ordinal);
    private readonly List<string> _pendingOrder = [];

    public override void Accept(string? parentKey, ReadOnlySpan<RawReading> readings)
    {
        var key = parentKey ?? "";
        if (resolver.Resolve(parentKey, final: false) is not { } target)
        {
            if (!_pending.TryGetValue(key, out var waiting))
            {
                _pending[key] = waiting = new List<RawReading>(readings.Length);
                _pendingOrder.Add(key);
            }
            waiting.AddRange(readings);
            return;
        }
        if (_pending.Remove(key, out var earlier))
            Append(target, CollectionsMarshal.AsSpan(earlier));
        Append(target, readings);
    }

    public (List<EspiSeries> Series, int Dropped) Build()
    {
        foreach (var key in _pendingOrder)
        {
            if (_pending.Remove(key, out var waiting) && resolver.Resolve(key.Length == 0 ? null : key, final: true) is { } target)
                Append(target, CollectionsMarshal.AsSpan(waiting));
        }

        var series = new List<EspiSeries>(_seriesOrder.Count);
        var dropped = 0;
        foreach (var key in _seriesOrder)
        {
            var (target, list) = _series[key];
            IReadOnlyList<IntervalReading> readings = list;
            if (!list.IsStrictlyIncreasing())
            {
                readings = ReadingOrder.SortDistinct(list.ToArray(), out var repeats);
                dropped += repeats;
            }
            var readingType = target.ReadingType.IntervalLengthSeconds is null && readings.Count > 0
                ? target.ReadingType with { IntervalLengthSeconds = ReadingOrder.MostCommonDuration(readings) }
                : target.ReadingType;
            series.Add(new EspiSeries(target.UsagePoint, readingType, readings));
        }
        return (series, dropped);
    }

    private void Append(SeriesTarget target, ReadOnlySpan<RawReading> readings)
    {
        if (!_series.TryGetValue(target.Key, out var entry))
        {
            _series[target.Key] = entry = (target, new ReadingList());
            _seriesOrder.Add(target.Key);
        }
        var multiplier = target.ReadingType.PowerOfTenMultiplier;
        foreach (ref readonly var raw in readings)
            entry.Readings.Add(ReadingConverter.ToReading(raw, multiplier));
    }
}
