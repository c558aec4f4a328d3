using GbcPortal.Core.Persistence;

namespace GbcPortal.Portal.Extensions;

/// <summary>Brings the database up to date at start, before the seeder and the Hangfire server run.</summary>
public sealed class DatabaseInitializer(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => services.InitializeDatabaseAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
