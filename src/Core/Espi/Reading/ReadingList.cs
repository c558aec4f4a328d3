using System.Collections;

namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// A series' readings in chunks: growing never copies, and the finished list is handed out
/// as is (ten years of 15-minute data would otherwise be copied twice on its way to an
/// array). The first 64 chunks hold 1,024 readings (64 KB, below the large object heap); a
/// longer series continues in 1 MB chunks on the large object heap, which the GC does not
/// copy from generation to generation.
/// </summary>
internal sealed class ReadingList : IReadOnlyList<IntervalReading>
{
    private const int SmallShift = 10;
    private const int SmallSize = 1 << SmallShift; // 1,024 readings × 64 bytes
    private const int SmallChunks = 64;
    private const int SmallTotal = SmallSize * SmallChunks;
    private const int LargeShift = 14;
    private const int LargeSize = 1 << LargeShift; // 16,384 readings × 64 bytes
    private readonly List<IntervalReading[]> _chunks = [];
    private IntervalReading[] _current = [];
    private int _offset;

    public int Count { get; private set; }

    public IntervalReading this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index));
            return index < SmallTotal
                ? _chunks[index >> SmallShift][index & (SmallSize - 1)]
                : _chunks[SmallChunks + ((index - SmallTotal) >> LargeShift)][(index - SmallTotal) & (LargeSize - 1)];
        }
    }

    public void Add(in IntervalReading reading)
    {
        if (_offset == _current.Length)
            Grow();
        _current[_offset++] = reading;
        Count++;
    }

    private void Grow()
    {
        if (_chunks.Count == 1 && _current.Length < SmallSize)
        {
            // The first chunk starts small and grows, so a 13-reading gas feed does not hold 64 KB.
            Array.Resize(ref _current, Math.Min(_current.Length * 4, SmallSize));
            _chunks[0] = _current;
            return;
        }
        _current = _chunks.Count == 0 ? new IntervalReading[16]
            : _chunks.Count < SmallChunks ? new IntervalReading[SmallSize]
            : GC.AllocateUninitializedArray<IntervalReading>(LargeSize);
        _chunks.Add(_current);
        _offset = 0;
    }

    /// <summary>True when every start is later than the one before: no sorting and no repeats.</summary>
    public bool IsStrictlyIncreasing()
    {
        var previous = DateTimeOffset.MinValue;
        for (var i = 0; i < Count; i++)
        {
            var start = this[i].Start;
            if (i > 0 && start <= previous)
                return false;
            previous = start;
        }
        return true;
    }

    public IntervalReading[] ToArray()
    {
        var result = new IntervalReading[Count];
        for (var i = 0; i < Count; i++)
            result[i] = this[i];
        return result;
    }

    public IEnumerator<IntervalReading> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
