using System.Text.Json.Serialization;

namespace GbcPortal.Simulator;

/// <summary>Counters of <c>GET /sim/metrics</c>. <c>rateLimited</c> stays 0 for a well-behaved Requestor.</summary>
internal sealed class SimulatorMetrics
{
    private long _requestsReceived;
    private long _rateLimited;
    private long _callbacksSent;
    private long _callbackRetries;
    private long _rejected;

    public void RequestReceived() => Interlocked.Increment(ref _requestsReceived);

    public void RateLimited() => Interlocked.Increment(ref _rateLimited);

    public void CallbackSent() => Interlocked.Increment(ref _callbacksSent);

    public void CallbackRetried() => Interlocked.Increment(ref _callbackRetries);

    public void Rejected() => Interlocked.Increment(ref _rejected);

    public MetricsSnapshot Snapshot() => new(
        Interlocked.Read(ref _requestsReceived),
        Interlocked.Read(ref _rateLimited),
        Interlocked.Read(ref _callbacksSent),
        Interlocked.Read(ref _callbackRetries),
        Interlocked.Read(ref _rejected));
}

/// <summary>The JSON of <c>GET /sim/metrics</c>.</summary>
public sealed record MetricsSnapshot(
    [property: JsonPropertyName("requestsReceived")] long RequestsReceived,
    [property: JsonPropertyName("rateLimited")] long RateLimited,
    [property: JsonPropertyName("callbacksSent")] long CallbacksSent,
    [property: JsonPropertyName("callbackRetries")] long CallbackRetries,
    [property: JsonPropertyName("rejected")] long Rejected);
