namespace GbcPortal.Core.Espi;

/// <summary>
/// The ReadingQuality codes of one reading as a bit set (codes 0–63), so a reading stays a
/// small value type. Most readings carry none or one code.
/// </summary>
public readonly record struct QualityCodes(ulong Mask)
{
    public static QualityCodes None => default;

    public bool IsEmpty => Mask == 0;

    public QualityCodes With(int code) =>
        code is >= 0 and < 64 ? new QualityCodes(Mask | (1UL << code)) : this;

    public bool Contains(int code) => code is >= 0 and < 64 && (Mask & (1UL << code)) != 0;

    public IEnumerable<int> Codes()
    {
        for (var code = 0; code < 64; code++)
        {
            if (Contains(code))
                yield return code;
        }
    }

    /// <summary>The codes joined by <c>|</c>, as in the CSV export; empty when none.</summary>
    public override string ToString() => string.Join('|', Codes());

    public static QualityCodes Parse(string? text)
    {
        var result = None;
        if (string.IsNullOrWhiteSpace(text))
            return result;
        foreach (var part in text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var code))
                result = result.With(code);
        }
        return result;
    }
}
