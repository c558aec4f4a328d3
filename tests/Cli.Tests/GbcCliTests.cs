using GbcPortal.Cli;
using GbcPortal.Cli.Espi;
using GbcPortal.Core.Espi.Inspection;

namespace GbcPortal.Cli.Tests;

public class GbcCliTests
{
    [Fact]
    public void NoArguments_PrintsUsageOnStderr_AndExitsTwo()
    {
        var result = Gbc.Run();

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("Usage: gbc", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("espi", "csv", "--help")]
    public void Help_PrintsUsageOnStdout_AndExitsZero(params string[] args)
    {
        var result = Gbc.Run(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(GbcCli.Usage, result.Stdout);
        Assert.Contains("gbc espi inspect FILE [--json]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("gbc certs dev --out DIR [--force]", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("espi", "dump", "x.xml")]
    [InlineData("frobnicate")]
    public void UnknownCommand_ExitsTwo(params string[] args)
    {
        var result = Gbc.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown command", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("espi", "inspect")]
    [InlineData("espi", "inspect", "a.xml", "b.xml")]
    [InlineData("espi", "inspect", "a.xml", "--yaml")]
    [InlineData("espi", "csv", "a.xml", "-o")]
    [InlineData("certs", "dev")]
    public void BadArguments_ExitTwoWithTheCommandsUsage(params string[] args)
    {
        var result = Gbc.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("usage: gbc " + args[0] + " " + args[1], Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void CommandLine_SplitsFlagsOptionsAndPositionals()
    {
        var line = CommandLine.Parse(["in.xml", "-o", "out.csv", "--json"], ["--json"], new Dictionary<string, string> { ["-o"] = "--output" });

        Assert.Null(line.Error);
        Assert.Equal(["in.xml"], line.Positionals);
        Assert.Equal("out.csv", line.Option("--output"));
        Assert.True(line.Has("--json"));
    }

    [Fact]
    public void SeriesGaps_IgnoresOverlapsAndCountsByIntervalLength()
    {
        var t0 = DateTimeOffset.FromUnixTimeSeconds(0);
        GbcPortal.Core.Espi.IntervalReading[] readings =
        [
            new(t0, 900, 1), new(t0.AddSeconds(600), 900, 1), // overlap: no gap
            new(t0.AddSeconds(3600), 900, 1), // 2100 s after the end at 1500 → 2 missing quarter hours (rounded)
        ];

        Assert.Equal((1, 2L), SeriesGaps.Count(readings, 900));
    }
}
