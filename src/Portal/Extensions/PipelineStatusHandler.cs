using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Utility;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Portal.Extensions;

/// <summary>
/// Applies an asynchronous UsageRequestStatus to the request (interim: until the request
/// pipeline's outcome service is wired here, a refusal fails the request with its reason and
/// a utility-side failure puts it back in the queue).
/// </summary>
public sealed class PipelineStatusHandler(IDbContextFactory<PortalDbContext> databases, TimeProvider time) : IUsageStatusHandler
{
    public async Task ApplyAsync(int dataRequestId, UsageRequestStatus status, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var request = await db.DataRequests.SingleAsync(r => r.Id == dataRequestId, cancellationToken);
        if (request.Status == RequestStatus.Complete)
            return;
        var now = time.GetUtcNow();
        var retry = status.Reason is StatusReason.InternalError;
        request.Status = retry ? RequestStatus.Pending : RequestStatus.Failed;
        request.NotBefore = retry ? now.AddSeconds(30) : request.NotBefore;
        request.FailedAt = retry ? request.FailedAt : now;
        request.StatusChangedAt = now;
        request.OutcomeReason = $"{status.Reason}: {status.Message}";
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task NotifyAsync(int dataRequestId, CancellationToken cancellationToken) => Task.CompletedTask;
}
