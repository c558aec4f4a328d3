namespace GbcPortal.Core.Espi.Writing;

/// <summary>Converts base-unit values and currency amounts to the integers ESPI carries (Int48).</summary>
internal static class EspiNumbers
{
    private const long Int48Max = 140_737_488_355_327;

    // Exact double powers of ten (10^0 … 10^22 are exactly representable), so -3 scales by 1000.0, not 0.001.
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>round(value / 10^multiplier), away from zero at .5.</summary>
    public static long ToRaw(double baseValue, int multiplier)
    {
        if (!double.IsFinite(baseValue))
            throw new ArgumentOutOfRangeException(nameof(baseValue), baseValue, "A reading value must be a finite number.");
        if (Math.Abs(multiplier) >= PowersOfTen.Length)
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, "powerOfTenMultiplier is out of range.");
        var scaled = multiplier <= 0 ? baseValue * PowersOfTen[-multiplier] : baseValue / PowersOfTen[multiplier];
        return CheckInt48(Math.Round(scaled, MidpointRounding.AwayFromZero), "value");
    }

    /// <summary>Currency units to ESPI's hundred-thousandths.</summary>
    public static long ToHundredThousandths(decimal amount)
    {
        var scaled = decimal.Round(amount * 100_000m, MidpointRounding.AwayFromZero);
        if (scaled is > Int48Max or < -Int48Max)
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A cost does not fit ESPI's Int48.");
        return (long)scaled;
    }

    /// <summary>Whole base units when exact, otherwise thousandths (Wh × 10⁻³, as utilities write).</summary>
    public static int SummaryMultiplier(double value) => value == Math.Round(value) ? 0 : -3;

    private static long CheckInt48(double value, string what) =>
        value is > Int48Max or < -Int48Max
            ? throw new ArgumentOutOfRangeException(what, value, $"A {what} does not fit ESPI's Int48; use a larger powerOfTenMultiplier.")
            : (long)value;
}
