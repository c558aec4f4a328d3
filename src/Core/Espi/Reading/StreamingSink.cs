using System.Runtime.InteropServices;

namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// For <see cref="EspiReader.ReadStreaming"/>: hands each block's distinct readings to the
/// caller as soon as its links resolve; only blocks whose MeterReading, ReadingType,
/// UsagePoint or LocalTimeParameters come later in the feed wait here.
/// </summary>
internal sealed class StreamingSink(LinkResolver resolver, Action<EspiSeriesChunk> onChunk) : BlockSink
{
    private readonly Dictionary<string, List<RawReading>> _pending = new(StringComparer.Ordinal);
    private readonly List<string> _pendingOrder = [];
    private readonly Dictionary<string, SeenStarts> _seen = new(StringComparer.Ordinal);
    private readonly List<SeriesTarget> _series = [];

    public int Dropped { get; private set; }

    public IReadOnlyList<SeriesTarget> Series => _series;

    public override void Accept(string? parentKey, ReadOnlySpan<RawReading> readings)
    {
        var key = parentKey ?? "";
        if (resolver.Resolve(parentKey, final: false) is not { } target)
        {
            if (!_pending.TryGetValue(key, out var waiting))
            {
                _pending[key] = waiting = [];
                _pendingOrder.Add(key);
            }
            waiting.AddRange(readings);
            return;
        }
        if (_pending.Remove(key, out var earlier))
            Emit(target, CollectionsMarshal.AsSpan(earlier));
        Emit(target, readings);
    }

    public void Finish()
    {
        foreach (var key in _pendingOrder)
        {
            if (!_pending.Remove(key, out var waiting))
                continue;
            if (resolver.Resolve(key.Length == 0 ? null : key, final: true) is { } target)
                Emit(target, CollectionsMarshal.AsSpan(waiting));
        }
    }

    private void Emit(SeriesTarget target, ReadOnlySpan<RawReading> readings)
    {
        if (!_seen.TryGetValue(target.Key, out var seen))
        {
            _seen[target.Key] = seen = new SeenStarts();
            _series.Add(target);
        }
        var multiplier = target.ReadingType.PowerOfTenMultiplier;
        var chunk = new List<IntervalReading>(readings.Length);
        foreach (ref readonly var raw in readings)
        {
            if (seen.Add(raw.Start))
                chunk.Add(ReadingConverter.ToReading(raw, multiplier));
            else
                Dropped++;
        }
        if (chunk.Count == 0)
            return;
        try
        {
            onChunk(new EspiSeriesChunk(target.UsagePoint, target.ReadingType, chunk));
        }
        catch (Exception e)
        {
            throw new CallbackFailure(e);
        }
    }
}

/// <summary>Carries the caller's own exception out of the reader untouched.</summary>
internal sealed class CallbackFailure(Exception inner) : Exception(inner.Message, inner);
