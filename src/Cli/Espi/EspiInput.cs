using GbcPortal.Core.Espi;

namespace GbcPortal.Cli.Espi;

/// <summary>Reads the FILE argument of the espi commands, turning every failure into one line on stderr.</summary>
internal static class EspiInput
{
    /// <summary>
    /// The one FILE an espi command takes, read; null after writing why not to <paramref name="stderr"/>, with the exit code: a
    /// usage line (<paramref name="usage"/> is the command's synopsis, <c>gbc espi csv FILE …</c>) or the file's problem.
    /// </summary>
    public static EspiDocument? TryReadTheFile(CommandLine line, string usage, TextWriter stderr, out string file, out int exitCode)
    {
        (file, exitCode) = (line.Positionals.Count == 1 ? line.Positionals[0] : "", ExitCodes.Failed);
        if (line.Error is not null || line.Positionals.Count != 1)
        {
            var command = usage[..usage.IndexOf(" FILE", StringComparison.Ordinal)];
            stderr.WriteLine($"{command}: {line.Error ?? "expected exactly one FILE"}; usage: {usage}");
            exitCode = ExitCodes.Usage;
            return null;
        }
        return TryRead(file, stderr);
    }

    /// <summary>The document, or null after writing the reason to <paramref name="stderr"/>. "-" reads standard input.</summary>
    public static EspiDocument? TryRead(string path, TextWriter stderr)
    {
        try
        {
            if (path == "-")
            {
                using var stdin = Console.OpenStandardInput();
                return Warn(new EspiReader().Read(stdin), stderr);
            }
            if (Directory.Exists(path))
            {
                stderr.WriteLine($"gbc: {path}: is a directory, not a Green Button file");
                return null;
            }
            if (!File.Exists(path))
            {
                stderr.WriteLine($"gbc: {path}: file not found");
                return null;
            }
            return Warn(new EspiReader().ReadFile(path), stderr);
        }
        catch (EspiFormatException e)
        {
            stderr.WriteLine($"gbc: {path}: cannot read: {GbcCli.OneLine(e.Message)}");
            return null;
        }
    }

    // Warnings always reach stderr, whatever the command prints on stdout.
    private static EspiDocument Warn(EspiDocument document, TextWriter stderr)
    {
        foreach (var warning in document.Warnings)
            stderr.WriteLine($"warning: {warning}");
        return document;
    }
}
