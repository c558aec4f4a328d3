using System.Runtime.CompilerServices;
using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Tests.Espi.Reader;

/// <summary>The shared ESPI samples, read in place from ../shared/espi/samples beside the repository.</summary>
internal static class Samples
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        // Builds with --artifacts-path put the binaries outside the repository; the source path then finds it.
        var root = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Path.GetDirectoryName(SourceFile())!)
            ?? throw new InvalidOperationException("GbcPortal.sln not found above " + AppContext.BaseDirectory);
        return Path.GetFullPath(Path.Combine(root, "..", "shared", "espi", "samples"));
    });

    public static string PathOf(string name) => Path.Combine(Folder.Value, name);

    public static EspiDocument Read(string name) => new EspiReader().ReadFile(PathOf(name));

    public static EspiDocument ReadText(string xml, EspiReaderOptions? options = null) =>
        new EspiReader(options).Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)));

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GbcPortal.sln")))
                return dir.FullName;
        }
        return null;
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;

    public static double Total(EspiSeries series) => series.Readings.Sum(r => r.Value);
}
