using System.Collections.Concurrent;

namespace GbcPortal.Core.Requests;

/// <summary>
/// This process's dispatcher: the id its claims carry and its heartbeat row has, and the requests it is
/// sending right now. A new id per process, so a restarted process never mistakes a dead one's claims for its own.
/// </summary>
public sealed class DispatcherIdentity
{
    private readonly ConcurrentDictionary<int, byte> inFlight = new();

    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}"[..^20];

    public void Sending(int dataRequestId) => inFlight[dataRequestId] = 0;

    public void Done(int dataRequestId) => inFlight.TryRemove(dataRequestId, out _);

    public bool IsSending(int dataRequestId) => inFlight.ContainsKey(dataRequestId);
}
