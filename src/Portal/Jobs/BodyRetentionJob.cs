using GbcPortal.Core.Ingest;
using Hangfire;

namespace GbcPortal.Portal.Jobs;

/// <summary>Compresses ingested callback bodies left as received and deletes those past <c>Ingest:BodyRetentionDays</c>; hourly, idempotent.</summary>
public sealed class BodyRetentionJob(CallbackBodyRetention retention)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task RunAsync(CancellationToken cancellationToken) => retention.RunAsync(cancellationToken);
}
