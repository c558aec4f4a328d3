using GbcPortal.Cli.Certs;
using GbcPortal.Cli.Espi;

namespace GbcPortal.Cli;

/// <summary>The command table: which words run which command, and the help text.</summary>
public static class GbcCli
{
    private sealed record Entry(string[] Words, string Arguments, string Summary, Func<TextWriter, TextWriter, ICommand> Create)
    {
        public string Synopsis => $"gbc {string.Join(' ', Words)} {Arguments}";
    }

    private static readonly Entry[] Commands =
    [
        new(["espi", "inspect"], "FILE [--json]", "usage points, reading types, time range, gaps, totals, warnings",
            (o, e) => new InspectCommand(o, e)),
        new(["espi", "csv"], "FILE [-o OUT]", "one CSV row per distinct reading, to stdout or OUT",
            (o, e) => new CsvCommand(o, e)),
        new(["certs", "dev"], "--out DIR [--force]", "development CA and TLS certificates (kept unless --force)",
            (o, e) => new CertsCommand(o, e)),
    ];

    public static string Usage { get; } =
        "Usage: gbc <command> [options]\n\nCommands:\n"
        + string.Concat(Commands.Select(c => $"  {c.Synopsis,-36} {c.Summary}\n"))
        + "\nFILE may be - for standard input.\n"
        + "\nStandard output carries only the requested output; warnings and summaries go to standard error.\n"
        + "Exit codes: 0 ok, 1 the file could not be read or written, 2 bad command line.\n";

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0)
        {
            stderr.Write(Usage);
            return ExitCodes.Usage;
        }
        // "help" only as the first word, so a file called "help" can still be read.
        if (args[0] == "help" || args.Any(a => a is "--help" or "-h"))
        {
            stdout.Write(Usage);
            return ExitCodes.Ok;
        }

        var entry = Commands.FirstOrDefault(c => c.Words.Length <= args.Count && c.Words.SequenceEqual(args.Take(c.Words.Length)));
        if (entry is null)
        {
            stderr.WriteLine($"gbc: unknown command '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2))}'; run 'gbc --help'");
            return ExitCodes.Usage;
        }

        try
        {
            return entry.Create(stdout, stderr).Run([.. args.Skip(entry.Words.Length)]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Last line of defence: one line, never a stack trace.
            stderr.WriteLine($"gbc: {OneLine(e.Message)}");
            return ExitCodes.Failed;
        }
    }

    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
