using System.Diagnostics.Metrics;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Portal.Health;

/// <summary>
/// What the database knows, observed when Prometheus scrapes: the backlog of requests waiting to be
/// sent, and how long the oldest callback not yet ingested has waited (the ingest lag). Shared by
/// every instance on PostgreSQL, so each reports the same figures.
/// </summary>
/// <remarks>
/// On a meter of this host's own (<see cref="IMeterFactory"/>), so the gauges go with the host that
/// owns the database; OpenTelemetry listens to it by the shared name.
/// </remarks>
public sealed class BacklogMetrics(IDbContextFactory<PortalDbContext> databases, TimeProvider time, IMeterFactory meters)
{
    private readonly Meter _meter = meters.Create(GbcMetrics.MeterName);

    public void Register()
    {
        _meter.CreateObservableGauge("gbc.requests.backlog", Backlog, "{request}",
            "Requests waiting to be sent to the utility (Pending).");
        _meter.CreateObservableGauge("gbc.ingest.lag", IngestLag, "s",
            "Age of the oldest stored callback not yet ingested; 0 when none waits.");
    }

    private int Backlog()
    {
        using var db = databases.CreateDbContext();
        return db.DataRequests.Count(r => r.Status == RequestStatus.Pending);
    }

    private double IngestLag()
    {
        using var db = databases.CreateDbContext();
        var oldest = db.CallbackInbox.Where(c => c.State == InboxState.Received).OrderBy(c => c.ReceivedAt)
            .Select(c => (DateTimeOffset?)c.ReceivedAt).FirstOrDefault();
        return oldest is { } received ? Math.Max(0, (time.GetUtcNow() - received).TotalSeconds) : 0;
    }
}
