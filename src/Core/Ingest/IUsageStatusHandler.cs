using GbcPortal.Core.Utility;

namespace GbcPortal.Core.Ingest;

/// <summary>
/// What ingest needs from the request pipeline: apply an asynchronous rejection exactly like the
/// synchronous answer with the same reason, and tell open pages that a request changed.
/// </summary>
public interface IUsageStatusHandler
{
    Task ApplyAsync(int dataRequestId, UsageRequestStatus status, CancellationToken cancellationToken);

    Task NotifyAsync(int dataRequestId, CancellationToken cancellationToken);
}
