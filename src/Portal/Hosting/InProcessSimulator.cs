using GbcPortal.Simulator;

namespace GbcPortal.Portal.Hosting;

/// <summary>
/// Demo mode: the simulated utility runs inside the portal, started before the Hangfire server
/// so the first dispatch finds it, and stopped with the portal.
/// </summary>
public sealed class InProcessSimulator(SimulatorOptions options, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private SimulatorHandle? _handle;

    /// <summary>The running simulator (its GBC API and admin API addresses); null before start.</summary>
    public SimulatorHandle? Handle => _handle;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _handle = await SimulatorHost.StartAsync(options, loggers, cancellationToken);
        loggers.CreateLogger<InProcessSimulator>().LogInformation(
            "Simulated utility in-process: GBC API on {Api}, admin API on {Admin}", _handle.ApiUri, _handle.AdminUri);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _handle, null) is { } handle)
            await handle.DisposeAsync();
    }
}
