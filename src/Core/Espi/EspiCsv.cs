using System.Globalization;

namespace GbcPortal.Core.Espi;

/// <summary>
/// The CSV form of readings: one row per distinct reading, values in the base unit of uom,
/// invariant culture, <c>\n</c> line ends, RFC 4180 quoting where a field needs it.
/// </summary>
public static class EspiCsv
{
    public const string Header = "usage_point,reading_type,commodity,flow_direction,uom,start_utc,start_local,duration_s,value,quality,cost";

    /// <summary>Writes the header and every reading; returns the number of rows.</summary>
    public static long Write(IEnumerable<EspiSeries> series, TextWriter output)
    {
        WriteHeader(output);
        var rows = 0L;
        foreach (var s in series)
        {
            var prefix = Prefix(s.UsagePoint, s.ReadingType);
            foreach (var r in s.Readings)
            {
                WriteRow(output, prefix, s.UsagePoint.LocalTime, r);
                rows++;
            }
        }
        return rows;
    }

    public static void WriteHeader(TextWriter output)
    {
        output.Write(Header);
        output.Write('\n');
    }

    /// <summary>The first five columns, the same for every reading of a series.</summary>
    public static string Prefix(UsagePointInfo usagePoint, ReadingTypeInfo readingType) =>
        string.Join(',',
            Field(usagePoint.Id),
            Field(readingType.Id),
            Number(readingType.Commodity),
            Number(readingType.FlowDirection),
            Field(readingType.BaseUnit));

    /// <summary>One row: the series' <paramref name="prefix"/> then the reading's time, value, quality and cost.</summary>
    public static void WriteRow(TextWriter output, string prefix, LocalTimeParameters? local, IntervalReading r)
    {
        // Formatted into one stack buffer: a whole history is 100,000s of rows, and a string per field
        // would be most of the export's work.
        Span<char> row = stackalloc char[160];
        var n = 0;
        row[n++] = ',';
        Append(row, ref n, r.Start.UtcDateTime, "yyyy-MM-dd'T'HH:mm:ss'Z'");
        row[n++] = ',';
        if (local is not null)
            Append(row, ref n, local.ToLocal(r.Start), "yyyy-MM-dd'T'HH:mm:sszzz");
        row[n++] = ',';
        Append(row, ref n, r.DurationSeconds, null);
        row[n++] = ',';
        Append(row, ref n, r.Value, "G15");
        row[n++] = ',';
        var first = true;
        for (var mask = r.Quality.Mask; mask != 0; mask &= mask - 1)
        {
            if (!first)
                row[n++] = '|';
            Append(row, ref n, System.Numerics.BitOperations.TrailingZeroCount(mask), null);
            first = false;
        }
        row[n++] = ',';
        if (r.Cost is { } cost)
            Append(row, ref n, cost, "0.#####");
        row[n++] = '\n';
        output.Write(prefix);
        output.Write(row[..n]);
    }

    private static void Append<T>(Span<char> row, ref int n, T value, string? format) where T : ISpanFormattable
    {
        if (!value.TryFormat(row[n..], out var written, format, CultureInfo.InvariantCulture))
            throw new FormatException($"A CSV field does not fit the row buffer: {value}.");
        n += written;
    }

    /// <summary>
    /// 15 significant digits: values come from integer × 10^n, and the 16th–17th digits of the
    /// double are only the noise of that multiplication (1109.0000000000002 prints as 1109).
    /// </summary>
    public static string Value(double value) => value.ToString("G15", CultureInfo.InvariantCulture);

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
