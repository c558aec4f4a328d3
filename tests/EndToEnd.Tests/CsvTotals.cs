using System.Globalization;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>A downloaded usage CSV read back independently of the portal's writer: rows and watt-hours per flow.</summary>
public sealed record CsvTotals(string Header, IReadOnlyDictionary<int, FlowTruth> Flows, IReadOnlyList<string> Units)
{
    public const string ExpectedHeader =
        "usage_point,reading_type,commodity,flow_direction,uom,start_utc,start_local,duration_s,value,quality,cost";

    public static CsvTotals Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var columns = lines[0].Split(',').ToList();
        int flowColumn = columns.IndexOf("flow_direction"), valueColumn = columns.IndexOf("value"), uomColumn = columns.IndexOf("uom");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var flows = rows.GroupBy(r => int.Parse(r[flowColumn], CultureInfo.InvariantCulture)).ToDictionary(
            g => g.Key,
            g => new FlowTruth(g.Count(), g.Sum(r => double.Parse(r[valueColumn], CultureInfo.InvariantCulture))));
        return new CsvTotals(lines[0], flows, rows.Select(r => r[uomColumn]).Distinct().ToList());
    }
}
