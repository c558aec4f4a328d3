namespace GbcPortal.Production.Tests.Deployment;

/// <summary>The repository the tests run from: found by walking up from the test binaries to GbcPortal.sln.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string PortalProject => Path.Combine(Root, "src", "Portal", "GbcPortal.Portal.csproj");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GbcPortal.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("GbcPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
