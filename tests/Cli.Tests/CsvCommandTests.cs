using System.Globalization;
using GbcPortal.Cli.Espi;
using GbcPortal.Core.Espi;

namespace GbcPortal.Cli.Tests;

public class CsvCommandTests
{
    private const string Header = "usage_point,reading_type,commodity,flow_direction,uom,start_utc,start_local,duration_s,value,quality,cost";
    private const string PgeUsagePoint = "https://api.pge.com/GreenButtonConnect/espi/1_1/resource/Subscription/4095251/UsagePoint/5391320451";
    private const string PgeReadingType = "https://api.pge.com/GreenButtonConnect/espi/1_1/resource/ReadingType/NzI6bnVsbDozNjAwOjE=";

    [Fact]
    public void FallBackDay_HasOneRowPerReading_AndTheRepeatedHourTwiceWithItsOwnOffset()
    {
        var result = Gbc.Run("espi", "csv", RepositoryFiles.Sample("pge-smd-hourly-fall-back-day.xml"));

        Assert.Equal(0, result.ExitCode);
        var lines = result.StdoutLines;
        Assert.Equal(Header, lines[0]);
        Assert.Equal(49, lines.Length - 1); // 24 readings on Nov 2 + 25 on Nov 3 (counted in the file)
        // Values are the file's value × 10^-3 (1109000, 1091400, 984300), offsets from zoneinfo.
        Assert.Equal($"{PgeUsagePoint},{PgeReadingType},1,1,Wh,2019-11-02T07:00:00Z,2019-11-02T00:00:00-07:00,3600,1109,19,", lines[1]);
        Assert.Contains($"{PgeUsagePoint},{PgeReadingType},1,1,Wh,2019-11-03T08:00:00Z,2019-11-03T01:00:00-07:00,3600,1091.4,19,", lines);
        Assert.Contains($"{PgeUsagePoint},{PgeReadingType},1,1,Wh,2019-11-03T09:00:00Z,2019-11-03T01:00:00-08:00,3600,984.3,19,", lines);
        Assert.Equal("49 rows from 1 series; 0 duplicate readings dropped", result.StderrLines.Last());
    }

    [Fact]
    public void CostFeed_WritesCostQualityAndEasternOffsets()
    {
        var result = Gbc.Run("espi", "csv", RepositoryFiles.Sample("gba-15min-14days-cost.xml"));

        Assert.Equal(0, result.ExitCode);
        var lines = result.StdoutLines;
        Assert.Equal(1340, lines.Length - 1); // 14 days × 96 less the 4 quarter hours skipped on 2012-03-11
        const string prefix = "/espi/1_1/resource/RetailCustomer/9B6C7066/UsagePoint/5446AF3F,/espi/1_1/resource/ReadingType/07,1,1,Wh,";
        Assert.Equal(prefix + "2012-03-01T05:00:00Z,2012-03-01T00:00:00-05:00,900,282,8,0.00974", lines[1]);
        Assert.Equal(prefix + "2012-03-15T03:45:00Z,2012-03-14T23:45:00-04:00,900,940,,0.05641", lines[^1]);
    }

    [Fact]
    public void Output_IsInvariant_UnderACommaDecimalCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var result = Gbc.Run("espi", "csv", RepositoryFiles.Sample("pge-smd-hourly-fall-back-day.xml"));

            Assert.Contains(",1091.4,19,", result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("1091,4", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void OutputFile_GetsTheCsv_AndStdoutStaysEmpty()
    {
        using var temp = new TempFolder();
        var output = temp.File("out.csv");

        var result = Gbc.Run("espi", "csv", RepositoryFiles.Sample("gba-hourly-january.xml"), "-o", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var lines = File.ReadAllLines(output);
        Assert.Equal(Header, lines[0]);
        Assert.Equal(744, lines.Length - 1); // 31 days × 24 hours
        Assert.Contains("744 rows", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_ExitsOneWithOneLineOnStderr()
    {
        var result = Gbc.Run("espi", "csv", RepositoryFiles.Sample("does-not-exist.xml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("does-not-exist.xml: file not found", line, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedFile_ExitsOneWithTheReasonAndNoStackTrace()
    {
        var result = Gbc.Run("espi", "csv", RepositoryFiles.Sample("gba-malformed.xml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("gbc: ", line, StringComparison.Ordinal);
        Assert.Contains("cannot read", line, StringComparison.Ordinal);
        Assert.Contains("line ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void NotXml_ExitsOne()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("notes.xml"), "this is not xml");

        var result = Gbc.Run("espi", "csv", temp.File("notes.xml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.StderrLines);
    }

    [Fact]
    public void ReaderWarnings_GoToStderr_NotIntoTheCsv()
    {
        // The SCE file's DST rules are truncated to 'B60E'/'B40E'.
        var result = Gbc.Run("espi", "csv", RepositoryFiles.Sample("sce-bulk-15min-cost.xml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.StderrLines, l => l.StartsWith("warning: ", StringComparison.Ordinal) && l.Contains("B60E", StringComparison.Ordinal));
        Assert.DoesNotContain("warning", result.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(97, result.StdoutLines.Length - 1);
    }

    [Fact]
    public void BatchList_GivesOnlyTheHeader_AndSaysWhyOnStderr()
    {
        var result = Gbc.Run("espi", "csv", RepositoryFiles.Sample("pge-batchlist-notification.xml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Header + "\n", result.Stdout);
        Assert.Contains("BatchList", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_WithCommasOrQuotes_AreQuoted()
    {
        var series = new GbcPortal.Core.Espi.EspiSeries(
            new("meter, \"north\"", GbcPortal.Core.Espi.ServiceKind.Electricity),
            new("rt", 1, 1, 72, 0, 900),
            [new(DateTimeOffset.FromUnixTimeSeconds(0), 900, 1.5, -0.5m)]);
        var output = new StringWriter();

        EspiCsv.Write([series], output);

        Assert.Equal(Header + "\n\"meter, \"\"north\"\"\",rt,1,1,Wh,1970-01-01T00:00:00Z,,900,1.5,,-0.5\n", output.ToString());
    }
}
