using System.Net;
using System.Net.Sockets;
using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Callbacks;
using GbcPortal.Portal.Hosting;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GbcPortal.Portal.Health;

/// <summary>The database answers a query.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{db.Database.ProviderName} answers.")
            : HealthCheckResult.Unhealthy("The database does not answer.");
    }
}

/// <summary>Hangfire's storage answers: the queue that dispatch, ingest and refresh run on.</summary>
public sealed class HangfireHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statistics = storage.GetMonitoringApi().GetStatistics();
        return Task.FromResult(HealthCheckResult.Healthy($"{statistics.Servers} server(s), {statistics.Enqueued} job(s) enqueued.",
            new Dictionary<string, object> { ["servers"] = statistics.Servers, ["enqueued"] = statistics.Enqueued, ["failed"] = statistics.Failed }));
    }
}

/// <summary>
/// Certificates are loaded and none expires within 30 days. One about to expire is Degraded, still
/// ready (the portal works until the day it expires, and a probe must not take it out of service
/// early); an expired one, or none loaded, is Unhealthy.
/// </summary>
public sealed class CertificatesHealthCheck(CertificateWatch watch, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var loaded = watch.Count;
        if (loaded == 0)
            return Task.FromResult(HealthCheckResult.Unhealthy("No certificate is loaded."));
        var warnings = watch.Warnings();
        var data = new Dictionary<string, object> { ["loaded"] = loaded };
        if (watch.EarliestExpiry is { } earliest && earliest <= time.GetUtcNow())
            return Task.FromResult(HealthCheckResult.Unhealthy(string.Join(" ", warnings), data: data));
        return Task.FromResult(warnings.Count > 0
            ? HealthCheckResult.Degraded(string.Join(" ", warnings), data: data)
            : HealthCheckResult.Healthy($"{loaded} certificate(s) loaded, none expiring within 30 days.", data));
    }
}

/// <summary>The callback port accepts a connection (the TLS handshake itself needs the utility's certificate).</summary>
public sealed class CallbackListenerHealthCheck(CallbackBinding binding) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (binding.Port == 0)
            return HealthCheckResult.Unhealthy("The callback endpoint is not bound.");
        var address = binding.Address is { } bound && !bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any)
            ? bound : IPAddress.Loopback;
        using var client = new TcpClient(address.AddressFamily);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(address, binding.Port, timeout.Token);
            return HealthCheckResult.Healthy($"Listening on port {binding.Port}.");
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Nothing accepts connections on callback port {binding.Port}.", e);
        }
    }
}
