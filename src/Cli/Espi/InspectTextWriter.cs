using GbcPortal.Core.Espi.Inspection;
using System.Globalization;

namespace GbcPortal.Cli.Espi;

/// <summary>Renders an <see cref="InspectReport"/> for people.</summary>
public static class InspectTextWriter
{
    public static void Write(InspectReport report, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        if (report.Kind == "BatchList")
        {
            output.WriteLine($"{report.File}: BatchList notification with {report.ResourceUris.Count} resource URI(s)");
            foreach (var uri in report.ResourceUris)
                output.WriteLine($"  {uri}");
            return;
        }

        output.WriteLine($"{report.File}: Green Button feed");
        output.WriteLine(string.Create(c, $"Readings: {report.Readings} from {report.Start ?? "-"} to {report.End ?? "-"}; duplicates dropped: {report.DuplicatesDropped}"));
        output.WriteLine($"Usage points: {report.UsagePoints.Count}");
        foreach (var p in report.UsagePoints)
        {
            var local = p.LocalTime is { } t
                ? string.Create(c, $"tzOffset {t.TzOffsetSeconds} s, dstOffset {t.DstOffsetSeconds} s, rules {t.DstStartRule}/{t.DstEndRule}")
                : "no LocalTimeParameters";
            output.WriteLine($"  {p.Id}  [{p.Kind}]{(p.Title is null ? "" : " " + p.Title)}; {local}");
        }

        output.WriteLine($"Reading types: {report.Series.Count}");
        foreach (var s in report.Series)
        {
            output.WriteLine($"  {s.ReadingType}");
            output.WriteLine($"    usage point {s.UsagePoint}");
            output.WriteLine(string.Create(c,
                $"    commodity {Show(s.Commodity)}, flow {Show(s.FlowDirection)} ({s.Flow}), uom {s.Uom} ({s.Unit}), multiplier {s.PowerOfTenMultiplier}, interval {Show(s.IntervalLengthSeconds)} s"));
            output.WriteLine(string.Create(c,
                $"    {s.Readings} readings from {s.Start ?? "-"} to {s.End ?? "-"}; gaps: {s.Gaps} ({s.MissingIntervals} missing intervals); total {s.Total} {s.TotalUnit}"));
        }

        output.WriteLine("Totals per flow:");
        foreach (var t in report.Totals)
            output.WriteLine(string.Create(c, $"  {t.Flow}{(t.FlowDirection is { } f ? $" ({f})" : "")}: {t.Total} {t.Unit} in {t.Readings} readings"));

        output.WriteLine($"Warnings: {report.Warnings.Count}");
        foreach (var w in report.Warnings)
            output.WriteLine($"  {w}");
    }

    private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
