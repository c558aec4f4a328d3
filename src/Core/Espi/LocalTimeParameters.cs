namespace GbcPortal.Core.Espi;

/// <summary>
/// ESPI LocalTimeParameters: standard offset, DST offset and the packed DST start/end rules
/// (bits 0–11 seconds, 12–16 hour, 17–19 day of week with 1 = Monday, 20–24 day of month,
/// 25–27 operator, 28–31 month; <c>FFFFFFFF</c> means no DST).
/// </summary>
public sealed record LocalTimeParameters(
    int TzOffsetSeconds,
    int DstOffsetSeconds,
    uint DstStartRule,
    uint DstEndRule)
{
    public const uint NoDst = 0xFFFFFFFF;

    /// <summary>America/Los_Angeles as the utility of this project writes it.</summary>
    public static LocalTimeParameters Pacific { get; } = new(-28800, 3600, 0x360E2000, 0xB40E2000);

    /// <summary>The offset from UTC in force at <paramref name="utc"/>.</summary>
    public TimeSpan OffsetAt(DateTimeOffset utc) => DstRules.OffsetAt(this, utc);

    /// <summary>The local wall-clock time of <paramref name="utc"/>, with its offset.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset utc) => utc.ToOffset(OffsetAt(utc));
}
