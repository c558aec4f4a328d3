using GbcPortal.Core.Ingest;
using Hangfire;

namespace GbcPortal.Portal.Jobs;

/// <summary>Ingests one stored callback. Quick first retries: a crash or a busy database is usually gone in a second.</summary>
public sealed class IngestJob(IngestService ingest)
{
    [AutomaticRetry(Attempts = 6, DelaysInSeconds = [1, 5, 30, 120, 600, 3600])]
    [JobDisplayName("Ingest callback {0}")]
    public Task RunAsync(int inboxId, CancellationToken cancellationToken) => ingest.ProcessAsync(inboxId, cancellationToken);

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Replay callback {0}")]
    public Task ReplayAsync(int inboxId, CancellationToken cancellationToken) => ingest.ReplayAsync(inboxId, cancellationToken);
}
