using System.Runtime.CompilerServices;

namespace GbcPortal.Core.Tests.Cli;

/// <summary>
/// Finds ../shared next to the repository: walks up from the test binaries to GbcPortal.sln, and
/// from this source file when the build output lives elsewhere (--artifacts-path).
/// </summary>
internal static class SharedFiles
{
    public static string EspiSamples => Path.Combine(Root(), "espi", "samples");

    public static string EspiSchema => Path.Combine(Root(), "espi", "schema");

    public static string Sample(string name) => Path.Combine(EspiSamples, name);

    public static string RepositoryRoot([CallerFilePath] string sourceFile = "") =>
        FindSolution(AppContext.BaseDirectory) ?? FindSolution(Path.GetDirectoryName(sourceFile)!)
        ?? throw new InvalidOperationException("GbcPortal.sln not found above the test binaries or sources.");

    private static string Root()
    {
        var shared = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared"));
        return Directory.Exists(shared) ? shared : throw new DirectoryNotFoundException($"Shared files not found at {shared}.");
    }

    private static string? FindSolution(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GbcPortal.sln")))
                return dir.FullName;
        }
        return null;
    }
}
