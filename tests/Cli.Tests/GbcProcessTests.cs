using System.Diagnostics;

namespace GbcPortal.Cli.Tests;

/// <summary>The real executable, as a user runs it: exit codes and streams cross a process boundary.</summary>
public class GbcProcessTests
{
    [Fact]
    public async Task BuiltGbc_OnAMissingFile_ExitsOneWithOneLineOnStderr()
    {
        var gbc = Path.Combine(AppContext.BaseDirectory, "gbc.dll");
        Assert.True(File.Exists(gbc), $"gbc.dll is copied next to the tests by the project reference: {gbc}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "exec", gbc, "espi", "csv", "/nonexistent/feed.xml" })
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("", await stdout);
        Assert.Equal("gbc: /nonexistent/feed.xml: file not found", (await stderr).TrimEnd());
    }

    [Fact]
    public async Task BuiltGbc_Csv_WritesTheHeaderToStdout()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "gbc.dll"), "espi", "csv", RepositoryFiles.Sample("gba-gas.xml") })
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, process.ExitCode);
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("usage_point,reading_type,commodity,flow_direction,uom,start_utc,start_local,duration_s,value,quality,cost", lines[0]);
        Assert.Contains("rows from 1 series", await stderr, StringComparison.Ordinal);
    }
}
