namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// The starts a streaming read has already handed out for one series. Starts on a 5-minute
/// grid (every real interval length: 5, 15, 60 minutes, days) cost one bit each, so ten years
/// of 15-minute data take about 400 KB instead of a hash set's ~10 MB; other starts fall
/// back to a hash set.
/// </summary>
internal sealed class SeenStarts
{
    private const long Grid = 300;
    private readonly Dictionary<long, ulong> _bits = [];
    private HashSet<long>? _offGrid;

    /// <summary>Adds a start; false when it was already there.</summary>
    public bool Add(long start)
    {
        if (start % Grid != 0)
            return (_offGrid ??= []).Add(start);
        var slot = start / Grid;
        var word = slot >> 6;
        var bit = 1UL << (int)(slot & 63);
        _bits.TryGetValue(word, out var bits);
        if ((bits & bit) != 0)
            return false;
        _bits[word] = bits | bit;
        return true;
    }
}
