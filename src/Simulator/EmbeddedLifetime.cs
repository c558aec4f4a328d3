using Microsoft.Extensions.Hosting;

namespace GbcPortal.Simulator;

/// <summary>
/// The simulator's inner web host lives inside another process: that process owns Ctrl+C and
/// the start/stop messages, so the inner host's lifetime does nothing.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
