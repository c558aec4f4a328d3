using GbcPortal.Core.Espi;

namespace GbcPortal.Cli.Espi;

/// <summary>Reads the FILE argument of the espi commands, turning every failure into one line on stderr.</summary>
internal static class EspiInput
{
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
