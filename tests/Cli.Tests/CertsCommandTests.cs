namespace GbcPortal.Cli.Tests;

public class CertsCommandTests
{
    private static readonly string[] Names =
    [
        "ca.crt", "ca.key",
        "utility-server.pfx", "utility-server.crt", "utility-server.key",
        "utility-client.pfx", "utility-client.crt", "utility-client.key",
        "portal-server.pfx", "portal-server.crt", "portal-server.key",
        "portal-client.pfx", "portal-client.crt", "portal-client.key",
    ];

    [Fact]
    public void Dev_WritesTheSet_KeepsItOnASecondRun_AndReplacesItWithForce()
    {
        using var temp = new TempFolder();
        var dir = temp.File("certs");

        var first = Gbc.Run("certs", "dev", "--out", dir);

        Assert.Equal(0, first.ExitCode);
        Assert.All(Names, n => Assert.True(File.Exists(Path.Combine(dir, n)), n));
        Assert.Equal(14, first.StdoutLines.Count(l => l.StartsWith("written", StringComparison.Ordinal)));
        var caBefore = File.ReadAllBytes(Path.Combine(dir, "ca.crt"));

        var second = Gbc.Run("certs", "dev", "--out", dir);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(14, second.StdoutLines.Count(l => l.StartsWith("kept", StringComparison.Ordinal)));
        Assert.Equal(caBefore, File.ReadAllBytes(Path.Combine(dir, "ca.crt")));
        Assert.Contains("0 written, 14 kept", second.Stderr, StringComparison.Ordinal);

        var forced = Gbc.Run("certs", "dev", "--out", dir, "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(14, forced.StdoutLines.Count(l => l.StartsWith("written", StringComparison.Ordinal)));
        Assert.NotEqual(caBefore, File.ReadAllBytes(Path.Combine(dir, "ca.crt")));
    }

    [Fact]
    public void Dev_IntoAFile_ExitsOneWithOneLine()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("taken"), "not a folder");

        var result = Gbc.Run("certs", "dev", "--out", temp.File("taken"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("gbc: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }
}
