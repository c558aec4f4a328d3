namespace GbcPortal.Pipeline.Tests;

/// <summary>A temp folder deleted at the end of a test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("gbc-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a file still open elsewhere; the OS cleans temp folders
        }
    }
}
