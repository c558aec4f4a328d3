using GbcPortal.Cli;

namespace GbcPortal.Cli.Tests;

/// <summary>Runs the gbc command table in-process and captures what it prints.</summary>
internal static class Gbc
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public string[] StderrLines => Stderr.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
    }

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = GbcCli.Run(args, stdout, stderr);
        return new Result(exit, stdout.ToString(), stderr.ToString());
    }
}
