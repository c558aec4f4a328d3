using System.Globalization;

namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// LocalTimeParameters as written → as meant. Real feeds carry a positive tzOffset for a
/// US zone and DST rules cut to four hex digits; both are repaired from the feed's own
/// hints, with a warning, rather than shifting every local time by hours.
/// </summary>
internal static class LocalTimeDecoder
{
    private const uint UsDstStart = 0x360E2000; // 2nd Sunday of March, 02:00
    private const uint UsDstEnd = 0xB40E2000;   // 1st Sunday of November, 02:00

    public static LocalTimeParameters? Decode(RawLocalTime raw, IReadOnlyList<(long Start, long Duration)> blocks, ReaderWarnings warnings)
    {
        if (!int.TryParse(raw.TzOffset, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var tz)
            || Math.Abs(tz) > 14 * 3600)
        {
            warnings.Add($"LocalTimeParameters (line {raw.Line}) has no usable tzOffset ('{raw.TzOffset}'); local times are not given");
            return null;
        }
        _ = int.TryParse(raw.DstOffset, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var dst);
        var start = ParseRule(raw.DstStartRule, "dstStartRule", raw.Line, warnings, out var startCut);
        var end = ParseRule(raw.DstEndRule, "dstEndRule", raw.Line, warnings, out var endCut);

        if (tz > 0 && ShouldBeNegative(tz, dst, start, end, blocks))
        {
            warnings.Add($"tzOffset +{tz} with North American DST hints read as -{tz}");
            tz = -tz;
        }

        if (dst != 0 && (startCut || endCut || start != LocalTimeParameters.NoDst || end != LocalTimeParameters.NoDst)
            && !Plausible(new LocalTimeParameters(tz, dst, start, end)))
        {
            if (tz is >= -36000 and <= -12600 && dst == 3600)
            {
                warnings.Add($"DST rules '{raw.DstStartRule}'/'{raw.DstEndRule}' cannot be evaluated; the US rules (2nd Sunday of March to 1st Sunday of November, 02:00) were assumed for tzOffset {tz}");
                (start, end) = (UsDstStart, UsDstEnd);
            }
            else
            {
                warnings.Add($"DST rules '{raw.DstStartRule}'/'{raw.DstEndRule}' cannot be evaluated; no DST was applied");
                (start, end) = (LocalTimeParameters.NoDst, LocalTimeParameters.NoDst);
            }
        }
        return new LocalTimeParameters(tz, dst, start, end);
    }

    private static uint ParseRule(string? text, string what, int line, ReaderWarnings warnings, out bool truncated)
    {
        truncated = false;
        var span = (text ?? "").AsSpan().Trim();
        if (span.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            span = span[2..];
        if (span.IsEmpty)
            return LocalTimeParameters.NoDst;
        if (span.Length > 8 || !uint.TryParse(span, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rule))
        {
            warnings.Add($"{what} '{text}' (line {line}) is not a 32-bit hex rule");
            return LocalTimeParameters.NoDst;
        }
        if (span.Length < 8)
        {
            // Cut-off rules keep their leading digits (month, operator, day): pad on the right.
            truncated = true;
            warnings.Add($"{what} '{text}' (line {line}) is shorter than 8 hex digits");
            rule <<= 4 * (8 - span.Length);
        }
        return rule;
    }

    /// <summary>A rule pair is plausible when DST lasts between three and nine months.</summary>
    private static bool Plausible(LocalTimeParameters p)
    {
        if (!DstRules.HasDst(p))
            return false;
        var standard = TimeSpan.FromSeconds(p.TzOffsetSeconds);
        var start = DstRules.TransitionUtc(p.DstStartRule, 2020, standard);
        var end = DstRules.TransitionUtc(p.DstEndRule, 2020, standard);
        var days = ((end - start).TotalDays + 366) % 366;
        return days is >= 90 and <= 270;
    }

    private static bool ShouldBeNegative(int tz, int dst, uint start, uint end, IReadOnlyList<(long Start, long Duration)> blocks)
    {
        if (tz is < 12600 or > 36000)
            return false;
        var startMonth = start >> 28;
        var endMonth = end >> 28;
        if (start != LocalTimeParameters.NoDst && startMonth is 3 or 4 && endMonth is 10 or 11)
            return true; // northern-hemisphere rules with an offset only the Americas have when negative

        // Daily blocks start at local midnight: see which sign puts them there.
        var negative = new LocalTimeParameters(-tz, dst, start, end);
        var positive = new LocalTimeParameters(tz, dst, start, end);
        int votesNegative = 0, votesPositive = 0;
        foreach (var (blockStart, duration) in blocks)
        {
            if (duration is < 82800 or > 90000 || blockStart is < 0 or > 4_102_444_800)
                continue;
            var utc = DateTimeOffset.FromUnixTimeSeconds(blockStart);
            if (negative.ToLocal(utc).TimeOfDay == TimeSpan.Zero)
                votesNegative++;
            if (positive.ToLocal(utc).TimeOfDay == TimeSpan.Zero)
                votesPositive++;
        }
        return votesNegative > votesPositive;
    }
}
