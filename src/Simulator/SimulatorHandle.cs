using Microsoft.AspNetCore.Builder;

namespace GbcPortal.Simulator;

/// <summary>A running simulator: where it listens; dispose to stop it (pending callbacks are dropped).</summary>
public sealed class SimulatorHandle : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal SimulatorHandle(WebApplication app, Uri apiUri, Uri adminUri)
    {
        _app = app;
        ApiUri = apiUri;
        AdminUri = adminUri;
    }

    /// <summary>The GBC API root (mutual TLS), e.g. <c>https://127.0.0.1:7443/</c>; the actual port when 0 was asked.</summary>
    public Uri ApiUri { get; }

    /// <summary>The admin API root (plain HTTP, loopback), e.g. <c>http://127.0.0.1:7080/</c>.</summary>
    public Uri AdminUri { get; }

    /// <summary>The simulator's services, for a host that wants to look inside (tests, diagnostics).</summary>
    public IServiceProvider Services => _app.Services;

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
