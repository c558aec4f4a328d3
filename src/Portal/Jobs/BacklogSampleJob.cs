using GbcPortal.Core.Staff;
using Hangfire;

namespace GbcPortal.Portal.Jobs;

/// <summary>Records the queue's size for the backlog chart on <c>/staff</c> (every <c>Jobs:BacklogSampleCron</c>).</summary>
public sealed class BacklogSampleJob(BacklogSampler sampler)
{
    // A missed sample is a gap in a chart; the next run takes its own.
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Sample the backlog")]
    public Task RunAsync(CancellationToken cancellationToken) => sampler.RecordAsync(cancellationToken);
}
