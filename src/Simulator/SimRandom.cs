namespace GbcPortal.Simulator;

/// <summary>The simulator's one source of randomness (seeded for tests), safe to share between requests.</summary>
internal sealed class SimRandom(Random random)
{
    private readonly Lock _gate = new();

    /// <summary>True with probability <paramref name="share"/>; never draws for 0 or 1, so those are exact.</summary>
    public bool Chance(double share)
    {
        if (share <= 0)
            return false;
        if (share >= 1)
            return true;
        lock (_gate)
            return random.NextDouble() < share;
    }

    public double Between(double min, double max)
    {
        if (max <= min)
            return min;
        lock (_gate)
            return min + (max - min) * random.NextDouble();
    }
}
