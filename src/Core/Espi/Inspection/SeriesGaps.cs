namespace GbcPortal.Core.Espi.Inspection;

/// <summary>Holes between consecutive readings of one series (a missing interval is a gap, never a zero).</summary>
public static class SeriesGaps
{
    /// <summary>
    /// The number of holes and of intervals missing in them; a hole's size is counted in the
    /// reading type's interval length, or the duration of the reading before it.
    /// </summary>
    public static (int Gaps, long MissingIntervals) Count(IReadOnlyList<IntervalReading> ordered, int? intervalLengthSeconds)
    {
        var gaps = 0;
        var missing = 0L;
        for (var i = 1; i < ordered.Count; i++)
        {
            var previousEnd = ordered[i - 1].End;
            var hole = (ordered[i].Start - previousEnd).TotalSeconds;
            if (hole <= 0)
                continue;
            var step = intervalLengthSeconds is > 0 ? intervalLengthSeconds.Value : Math.Max(1, ordered[i - 1].DurationSeconds);
            gaps++;
            missing += Math.Max(1, (long)Math.Round(hole / step));
        }
        return (gaps, missing);
    }
}
