using System.Collections.Concurrent;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Requests;

namespace GbcPortal.Core.Tests.Requests;

/// <summary>
/// A utility that answers from a script (per Service ID, or Accepted by default) and records every
/// submission with the (virtual) time it arrived.
/// </summary>
public sealed class ScriptedUtilityClient(TimeProvider time) : IUtilityClient
{
    private readonly ConcurrentDictionary<string, Queue<UtilityOutcome>> script = new();
    private int counter;

    public ConcurrentQueue<(DateTimeOffset At, UsageRequest Submission)> Sent { get; } = new();

    /// <summary>The next answers for a Service ID, in order; after them it accepts.</summary>
    public void Answer(string serviceId, params UtilityOutcome[] outcomes)
    {
        var queue = script.GetOrAdd(serviceId, _ => new Queue<UtilityOutcome>());
        lock (queue)
        {
            foreach (var outcome in outcomes)
            {
                queue.Enqueue(outcome);
            }
        }
    }

    public Task<UtilityOutcome> SubmitAsync(UsageRequest submission, CancellationToken cancellationToken)
    {
        Sent.Enqueue((time.GetUtcNow(), submission));
        if (script.TryGetValue(submission.ServiceId, out var queue))
        {
            lock (queue)
            {
                if (queue.TryDequeue(out var outcome))
                {
                    return Task.FromResult(outcome);
                }
            }
        }

        return Task.FromResult(UtilityOutcome.Accepted($"U-{Interlocked.Increment(ref counter):D6}"));
    }
}
