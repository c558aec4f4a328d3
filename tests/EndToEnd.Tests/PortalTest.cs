namespace GbcPortal.EndToEnd.Tests;

/// <summary>
/// Base of the browser tests: after each test, any error the portal logged meanwhile (a circuit
/// that died, a 500) fails it with the server's own message, which the browser only shows as
/// "An unhandled error has occurred".
/// </summary>
[Collection(PortalFixture.Collection)]
public abstract class PortalTest(PortalFixture portal) : IAsyncLifetime
{
    private int _mark;

    protected PortalFixture Portal { get; } = portal;

    public ValueTask InitializeAsync()
    {
        _mark = Portal.Log.Count;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        Portal.AssertNoServerErrorsSince(_mark);
        return ValueTask.CompletedTask;
    }
}
