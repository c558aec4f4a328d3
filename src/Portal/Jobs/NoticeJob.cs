using GbcPortal.Core.Notifications;

namespace GbcPortal.Portal.Jobs;

/// <summary>
/// Drains the service emails' outbox. Hangfire's own retries are off: a notice that could not be sent stays
/// in the outbox with its next attempt time, and the next run (every minute, or kicked by a change) takes it.
/// </summary>
public sealed class NoticeJob(NoticeOutbox outbox)
{
    [Hangfire.AutomaticRetry(Attempts = 0)]
    [Hangfire.JobDisplayName("Service emails")]
    public Task RunAsync(CancellationToken cancellationToken) => outbox.DrainAsync(cancellationToken);
}
