using GbcPortal.Core.Audit;
using Hangfire;

namespace GbcPortal.Portal.Jobs;

/// <summary>Deletes audit events older than <c>Audit:RetentionDays</c>; daily, idempotent.</summary>
public sealed class AuditPurgeJob(AuditLog audit, ILogger<AuditPurgeJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await audit.PurgeAsync(cancellationToken);
        logger.LogInformation("Audit purge deleted {Count} events past retention", deleted);
    }
}
