namespace GbcPortal.Pipeline.Tests;

/// <summary>
/// One running portal for the tests that only need its endpoints (starting one takes seconds).
/// A small body limit, so the 413 test sends 1 MB rather than 64.
/// </summary>
public sealed class SharedPortal() : PortalFactory(new Dictionary<string, string?> { ["Callback:MaxBodyBytes"] = MaxBodyBytes.ToString() }),
    IAsyncLifetime
{
    public const string Collection = "shared portal";
    public const int MaxBodyBytes = 1024 * 1024;

    public ValueTask InitializeAsync()
    {
        StartServer();
        return ValueTask.CompletedTask;
    }
}

[CollectionDefinition(SharedPortal.Collection)]
public sealed class SharedPortalCollection : ICollectionFixture<SharedPortal>;
