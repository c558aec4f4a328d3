using System.Text.Json;

namespace GbcPortal.Pipeline.Tests.Exports;

/// <summary>
/// What npm's <c>@cityssm/green-button-parser</c> (a public reader nobody here wrote) takes from a
/// file: its series, each tied to a ReadingType and UsagePoint by the package's own link helpers.
/// The package is restored by this project's build (npm ci in Exports/reader).
/// </summary>
public static class GreenButtonParser
{
    public sealed record Series(string UsagePoint, string ReadingType, int FlowDirection, int Uom, string? UomName,
        int PowerOfTenMultiplier, int? Currency, List<double?[]> Readings)
    {
        /// <summary>(start, duration, value in base units, raw cost) per reading.</summary>
        public IEnumerable<(long Start, int Duration, double Value, long? Cost)> Values => Readings.Select(r =>
            ((long)r[0]!.Value, (int)r[1]!.Value, r[2]!.Value * Math.Pow(10, PowerOfTenMultiplier), r[3] is { } c ? (long)c : (long?)null));
    }

    public sealed record Feed(int Blocks, List<Series> Series);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Folder => RepositoryFiles.File("tests", "Pipeline.Tests", "Exports", "reader");

    public static async Task<Feed> ReadAsync(string xmlFile)
    {
        var run = await ExternalTool.RunAsync("node", ["read-feed.mjs", xmlFile], Folder);
        Assert.True(run.ExitCode == 0, $"green-button-parser failed on {xmlFile} (exit {run.ExitCode}): {run.Error}");
        return JsonSerializer.Deserialize<Feed>(run.Output, Json)!;
    }
}
