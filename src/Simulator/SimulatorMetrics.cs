using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<string, long> _byServiceId = new(StringComparer.Ordinal);

    public void RequestReceived() => Interlocked.Increment(ref _requestsReceived);

    /// <summary>A request whose body named this Service ID (counted once it is read, whatever the answer).</summary>
    public void RequestFor(string serviceId) => _byServiceId.AddOrUpdate(serviceId, 1, (_, n) => n + 1);

    public ServiceMetrics For(string serviceId) => new(serviceId, _byServiceId.GetValueOrDefault(serviceId));

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

/// <summary>The JSON of <c>GET /sim/metrics/services/{serviceId}</c>: requests that named the Service ID.</summary>
public sealed record ServiceMetrics(
    [property: JsonPropertyName("serviceId")] string ServiceId,
    [property: JsonPropertyName("requestsReceived")] long RequestsReceived);
