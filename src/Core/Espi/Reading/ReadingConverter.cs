namespace GbcPortal.Core.Espi.Reading;

/// <summary>Raw readings → base units: value × 10^multiplier, cost ÷ 100,000.</summary>
internal static class ReadingConverter
{
    private static readonly double[] PowersOfTen = Enumerable.Range(0, 31).Select(i => Math.Pow(10, i)).ToArray();

    /// <summary>
    /// Divides for negative multipliers: 224400 / 1000 is exactly the double nearest 224.4,
    /// while 224400 × 0.001 is not (0.001 has no exact binary form).
    /// </summary>
    public static double Scale(double value, int multiplier) => multiplier switch
    {
        0 => value,
        < 0 => value / PowersOfTen[Math.Min(-multiplier, 30)],
        _ => value * PowersOfTen[Math.Min(multiplier, 30)],
    };

    public static IntervalReading ToReading(in RawReading raw, int multiplier) => new(
        DateTimeOffset.FromUnixTimeSeconds(raw.Start),
        raw.Duration,
        Scale(raw.Value, multiplier),
        raw.HasCost ? Cost(raw.Cost) : null,
        new QualityCodes(raw.Quality));

    /// <summary>1/100,000 of the currency as an exact decimal (scale 5), without a division.</summary>
    private static decimal Cost(long hundredThousandths)
    {
        var negative = hundredThousandths < 0;
        var magnitude = negative ? (ulong)-(hundredThousandths + 1) + 1 : (ulong)hundredThousandths;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, 5);
    }
}
