namespace GbcPortal.Simulator.Data;

/// <summary>Stable hashing (string.GetHashCode changes per process) for deterministic data.</summary>
internal static class Hash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL; // FNV-1a
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    /// <summary>A number in [0, 1) that depends only on (seed, key): SplitMix64's finaliser.</summary>
    public static double Unit(ulong seed, long key)
    {
        var z = seed + 0x9E3779B97F4A7C15UL * (ulong)key;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
