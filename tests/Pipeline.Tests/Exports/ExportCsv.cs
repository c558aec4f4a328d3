using System.Globalization;

namespace GbcPortal.Pipeline.Tests.Exports;

/// <summary>A downloaded usage CSV read back on its own terms (no portal code): its rows by flow.</summary>
public sealed record ExportCsv(string Header, List<ExportCsv.Row> Rows)
{
    public sealed record Row(string UsagePoint, string ReadingType, int Flow, string Uom, long Start, string StartLocal, int Duration,
        double Value, string Quality, string Cost);

    public static ExportCsv Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rows = lines.Skip(1).Select(line => line.Split(',')).Select(f => new Row(f[0], f[1], int.Parse(f[3], CultureInfo.InvariantCulture), f[4],
            DateTimeOffset.Parse(f[5], CultureInfo.InvariantCulture).ToUnixTimeSeconds(), f[6], int.Parse(f[7], CultureInfo.InvariantCulture),
            double.Parse(f[8], CultureInfo.InvariantCulture), f[9], f[10])).ToList();
        return new ExportCsv(lines[0], rows);
    }

    public IEnumerable<Row> Flow(int flow) => Rows.Where(r => r.Flow == flow);

    public double Wh(int flow) => Flow(flow).Sum(r => r.Value);
}
