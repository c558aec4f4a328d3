using System.Globalization;

namespace GbcPortal.Core.Espi.Inspection;

/// <summary>Works out the inspect figures from a read document.</summary>
public static class InspectReportBuilder
{
    public static InspectReport Build(string file, EspiDocument document)
    {
        var series = document.Series.Select(Describe).ToList();
        var totals = series
            .GroupBy(s => (s.FlowDirection, s.TotalUnit))
            .OrderBy(g => g.Key.FlowDirection ?? int.MaxValue).ThenBy(g => g.Key.TotalUnit, StringComparer.Ordinal)
            .Select(g => new FlowTotal(g.Key.FlowDirection, FlowNames.Of(g.Key.FlowDirection), Round(g.Sum(s => s.Total)), g.Key.TotalUnit, g.Count(), g.Sum(s => s.Readings)))
            .ToList();
        var all = document.Series.SelectMany(s => s.Readings).ToList();
        return new InspectReport(
            file,
            document.IsBatchList ? "BatchList" : "Feed",
            [.. document.UsagePoints.Select(Describe)],
            series,
            totals,
            all.Count,
            document.DuplicatesDropped,
            all.Count == 0 ? null : Iso(all.Min(r => r.Start)),
            all.Count == 0 ? null : Iso(all.Max(r => r.End)),
            document.Warnings,
            [.. document.ResourceUris.Select(u => u.OriginalString)]);
    }

    public static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static UsagePointReport Describe(UsagePointInfo p) => new(
        p.Id,
        p.Kind.ToString(),
        p.Title,
        p.LocalTime is { } t
            ? new LocalTimeReport(t.TzOffsetSeconds, t.DstOffsetSeconds, t.DstStartRule.ToString("X8", CultureInfo.InvariantCulture), t.DstEndRule.ToString("X8", CultureInfo.InvariantCulture))
            : null);

    private static SeriesReport Describe(EspiSeries s)
    {
        var type = s.ReadingType;
        var (gaps, missing) = SeriesGaps.Count(s.Readings, type.IntervalLengthSeconds);
        var sum = s.Readings.Sum(r => r.Value);
        // Energy is reported in kWh, the unit people know from their bills; other units stay as they are.
        var (total, unit) = type.Uom == UnitOfMeasure.WattHours ? (sum / 1000, "kWh") : (sum, type.BaseUnit);
        return new SeriesReport(
            s.UsagePoint.Id,
            type.Id,
            type.Commodity,
            type.FlowDirection,
            FlowNames.Of(type.FlowDirection),
            type.Uom,
            type.BaseUnit,
            type.PowerOfTenMultiplier,
            type.IntervalLengthSeconds,
            s.Readings.Count,
            s.Readings.Count == 0 ? null : Iso(s.Readings[0].Start),
            s.Readings.Count == 0 ? null : Iso(s.Readings.Max(r => r.End)),
            gaps,
            missing,
            Round(total),
            unit);
    }

    // Sums of scaled doubles carry noise in the last bits; six decimals is beyond any meter's resolution.
    private static double Round(double value) => Math.Round(value, 6);
}
