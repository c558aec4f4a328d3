using System.Reflection;

namespace GbcPortal.Testing;

/// <summary>
/// Files of the repository and of ../shared beside it (the ESPI samples and schema). The build records
/// where the repository is, so this holds wherever the binaries go (--artifacts-path too).
/// </summary>
public static class RepositoryFiles
{
    public static string Root { get; } = typeof(RepositoryFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>A file of the repository (or, through "..", beside it).</summary>
    public static string File(params string[] parts) => Path.GetFullPath(Path.Combine([Root, .. parts]));

    /// <summary>A file of ../shared, beside the repository.</summary>
    public static string Shared(params string[] parts) => File(["..", "shared", .. parts]);

    public static string EspiSamples => Shared("espi", "samples");

    public static string EspiSchema => Shared("espi", "schema");

    /// <summary>One of the shared ESPI samples.</summary>
    public static string Sample(string name) => Path.Combine(EspiSamples, name);
}
