using GbcPortal.Core.Audit;
using GbcPortal.Core.Persistence;
using Hangfire;
using MudBlazor;

namespace GbcPortal.Portal.Jobs;

/// <summary>
/// Staff's "Replay" on /staff and on a service's page: a job, not the page's circuit, because a Notify replay fetches
/// from the utility and may take long, and its run (or failure) stays visible in the jobs dashboard. Audited.
/// </summary>
public static class CallbackReplay
{
    /// <summary>Queues the replay of callback <paramref name="inboxId"/>; the sentence and severity to show staff.</summary>
    public static async Task<(string Message, Severity Severity)> QueueAsync(
        IBackgroundJobClient jobs, AuditLog audit, ILogger logger, int inboxId, string request,
        string? staffId, string? ownerId, string? serviceId, string? ip)
    {
        try
        {
            var jobId = jobs.Enqueue<IngestJob>(job => job.ReplayAsync(inboxId, CancellationToken.None));
            logger.LogInformation("Staff queued a replay of callback {InboxId} as job {JobId}", inboxId, jobId);
            await audit.RecordAsync(AuditAction.CallbackReplayed, staffId, ownerId, serviceId, ip,
                $"Callback {inboxId} (request {request}), job {jobId}.");
            return ($"Callback {inboxId} is queued for replay (job {jobId}).", Severity.Info);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Queueing the replay of callback {InboxId} failed", inboxId);
            return ($"Callback {inboxId} could not be queued for replay: {e.Message}", Severity.Error);
        }
    }
}
