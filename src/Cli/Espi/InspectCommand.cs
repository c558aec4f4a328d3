using GbcPortal.Core.Espi.Inspection;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GbcPortal.Cli.Espi;

/// <summary><c>gbc espi inspect FILE [--json]</c>: what a Green Button file holds, on stdout.</summary>
public sealed class InspectCommand(TextWriter stdout, TextWriter stderr) : ICommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // URLs and ids stay readable ("&" and "+" are not escaped); the output is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Run(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse(args, ["--json"], new Dictionary<string, string>());
        if (EspiInput.TryReadTheFile(line, "gbc espi inspect FILE [--json]", stderr, out var file, out var failed) is not { } document)
            return failed;

        var report = InspectReportBuilder.Build(file, document);
        if (line.Has("--json"))
            stdout.WriteLine(JsonSerializer.Serialize(report, Json));
        else
            InspectTextWriter.Write(report, stdout);
        return ExitCodes.Ok;
    }
}
