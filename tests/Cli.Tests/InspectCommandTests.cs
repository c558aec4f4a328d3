using System.Text.Json;
using System.Xml.Linq;
using GbcPortal.Core.Espi;

namespace GbcPortal.Cli.Tests;

public class InspectCommandTests
{
    [Fact]
    public void Text_ShowsCountsRangeAndTotalInKwh()
    {
        var result = Gbc.Run("espi", "inspect", RepositoryFiles.Sample("pge-smd-hourly-fall-back-day.xml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        // Sum of the file's 49 values is 60,657,299 × 10^-3 Wh.
        Assert.Contains("Readings: 49 from 2019-11-02T07:00:00Z to 2019-11-04T08:00:00Z; duplicates dropped: 0", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  delivered (1): 60.657299 kWh in 49 readings", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("tzOffset -28800 s, dstOffset 3600 s, rules 360E2000/B40E2000", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_IsParseableAndCarriesTheFigures()
    {
        var result = Gbc.Run("espi", "inspect", RepositoryFiles.Sample("gba-hourly-january.xml"), "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("Feed", root.GetProperty("kind").GetString());
        Assert.Equal(744, root.GetProperty("readings").GetInt32());
        var series = Assert.Single(root.GetProperty("series").EnumerateArray());
        Assert.Equal(0, series.GetProperty("gaps").GetInt32());
        Assert.Equal(3600, series.GetProperty("intervalLengthSeconds").GetInt32());
        var total = Assert.Single(root.GetProperty("totals").EnumerateArray());
        Assert.Equal(2301.649, total.GetProperty("total").GetDouble(), 6); // 2,301,649 Wh summed from the file
        Assert.Equal("kWh", total.GetProperty("unit").GetString());
    }

    [Fact]
    public void BatchList_ListsItsResourceUris()
    {
        var file = RepositoryFiles.Sample("pge-batchlist-notification.xml");
        var expected = XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "resources").Select(e => e.Value.Trim()).ToList();

        var result = Gbc.Run("espi", "inspect", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, expected.Count);
        Assert.Contains("BatchList notification with 2 resource URI(s)", result.Stdout, StringComparison.Ordinal);
        Assert.All(expected, uri => Assert.Contains("  " + uri, result.StdoutLines));
    }

    [Fact]
    public void Gaps_CountHolesAndMissingIntervals()
    {
        // Hours 0–23 of a UTC day without 5, 6, 7 and 20: two holes, four missing intervals.
        int[] missing = [5, 6, 7, 20];
        var readings = Enumerable.Range(0, 24).Where(h => !missing.Contains(h))
            .Select(h => new IntervalReading(DateTimeOffset.FromUnixTimeSeconds(1704067200 + h * 3600L), 3600, 1000))
            .ToList();
        using var temp = new TempFolder();
        using (var file = File.Create(temp.File("gaps.xml")))
            EspiWriter.Write(file, [new EspiSeries(WriterSamples.UtcMeter, WriterSamples.Delivered, readings)]);

        var result = Gbc.Run("espi", "inspect", temp.File("gaps.xml"), "--json");

        using var json = JsonDocument.Parse(result.Stdout);
        var series = Assert.Single(json.RootElement.GetProperty("series").EnumerateArray());
        Assert.Equal(2, series.GetProperty("gaps").GetInt32());
        Assert.Equal(4, series.GetProperty("missingIntervals").GetInt64());
        Assert.Equal(20, series.GetProperty("readings").GetInt32());
        Assert.Equal(20.0, series.GetProperty("total").GetDouble(), 9);
    }

    [Fact]
    public void RepeatedBlock_IsCountedAsDuplicatesDropped()
    {
        // The first IntervalBlock of the fall-back file (Nov 2, 24 hourly readings) appears twice.
        var document = XDocument.Load(RepositoryFiles.Sample("pge-smd-hourly-fall-back-day.xml"));
        var firstBlock = document.Root!.Elements().First(e => e.Descendants().Any(d => d.Name.LocalName == "IntervalBlock"));
        Assert.Equal(24, firstBlock.Descendants().Count(d => d.Name.LocalName == "IntervalReading"));
        firstBlock.AddAfterSelf(new XElement(firstBlock));
        using var temp = new TempFolder();
        document.Save(temp.File("repeated.xml"));

        var result = Gbc.Run("espi", "inspect", temp.File("repeated.xml"), "--json");

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(24, json.RootElement.GetProperty("duplicatesDropped").GetInt32());
        Assert.Equal(49, json.RootElement.GetProperty("readings").GetInt32());
    }

    [Fact]
    public void MissingFile_ExitsOneWithOneLine()
    {
        var result = Gbc.Run("espi", "inspect", "/nonexistent/feed.xml", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("gbc: /nonexistent/feed.xml: file not found", Assert.Single(result.StderrLines));
    }
}
