using System.Text;
using GbcPortal.Core.Espi;

namespace GbcPortal.Cli.Espi;

/// <summary><c>gbc espi csv FILE [-o OUT]</c>: the readings as CSV on stdout or in OUT; the summary on stderr.</summary>
public sealed class CsvCommand(TextWriter stdout, TextWriter stderr) : ICommand
{
    private static readonly Dictionary<string, string> Options = new() { ["-o"] = "--output", ["--output"] = "--output" };

    public int Run(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse(args, [], Options);
        if (EspiInput.TryReadTheFile(line, "gbc espi csv FILE [-o OUT]", stderr, out var file, out var failed) is not { } document)
            return failed;

        if (document.IsBatchList)
            stderr.WriteLine($"note: {file} is a BatchList notification with {document.ResourceUris.Count} resource URI(s) and no readings; see 'gbc espi inspect'");

        var output = line.Option("--output");
        long rows;
        if (output is null)
        {
            rows = EspiCsv.Write(document.Series, stdout);
            stdout.Flush();
        }
        else
        {
            try
            {
                using var writer = new StreamWriter(output, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                rows = EspiCsv.Write(document.Series, writer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                stderr.WriteLine($"gbc: {output}: cannot write: {GbcCli.OneLine(e.Message)}");
                return ExitCodes.Failed;
            }
        }

        stderr.WriteLine($"{rows} rows from {document.Series.Count} series{(output is null ? "" : $" written to {output}")}; {document.DuplicatesDropped} duplicate readings dropped");
        return ExitCodes.Ok;
    }
}
