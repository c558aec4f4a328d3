using System.Collections.Concurrent;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Requests;

namespace GbcPortal.Simulation;

/// <summary>
/// The utility, instantly: every submission is accepted (202) at the fake clock's instant and noted, so the
/// engine can complete it at once as its callback would. It checks nothing (the budget is what is measured).
/// </summary>
public sealed class InstantUtility(TimeProvider time) : IUtilityClient
{
    private readonly ConcurrentQueue<(Guid RequestId, DateTimeOffset At)> received = new();
    private long count;

    public Task<UtilityOutcome> SubmitAsync(UsageRequest submission, CancellationToken cancellationToken)
    {
        received.Enqueue((Guid.Parse(submission.RequestId), time.GetUtcNow()));
        var number = Interlocked.Increment(ref count);
        return Task.FromResult(UtilityOutcome.Accepted($"sim-{number}"));
    }

    /// <summary>What arrived since the last call, in arrival order.</summary>
    public List<(Guid RequestId, DateTimeOffset At)> TakeReceived()
    {
        var list = new List<(Guid, DateTimeOffset)>();
        while (received.TryDequeue(out var item))
        {
            list.Add(item);
        }

        return list;
    }
}
