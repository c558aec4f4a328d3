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
    private readonly List<ReceivedRequest> _received = [];

    public void RequestReceived() => Interlocked.Increment(ref _requestsReceived);

    /// <summary>A request whose body named this Service ID (counted once it is read, whatever the answer).</summary>
    public void RequestFor(string serviceId) => _byServiceId.AddOrUpdate(serviceId, 1, (_, n) => n + 1);

    public ServiceMetrics For(string serviceId) => new(serviceId, _byServiceId.GetValueOrDefault(serviceId));

    public void RateLimited() => Interlocked.Increment(ref _rateLimited);

    public void CallbackSent() => Interlocked.Increment(ref _callbacksSent);

    public void CallbackRetried() => Interlocked.Increment(ref _callbackRetries);

    public void Rejected() => Interlocked.Increment(ref _rejected);

    /// <summary>Logs one UsageRequest POST with the time it arrived and the status it was answered with.</summary>
    public void Received(ReceivedRequest request)
    {
        lock (_received)
            _received.Add(request);
    }

    /// <summary>Every UsageRequest POST so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests()
    {
        lock (_received)
            return [.. _received.OrderBy(r => r.ReceivedAtMs)];
    }

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
/// <summary>
/// One POST of <c>GET /sim/requests</c>: when it arrived (epoch milliseconds, the simulator's clock), what it asked
/// for (absent when it was refused before its body was read: 401, a drawn 503, 429) and the status it got.
/// </summary>
public sealed record ReceivedRequest(
    [property: JsonPropertyName("receivedAtMs")] long ReceivedAtMs,
    [property: JsonPropertyName("requestId")] string? RequestId,
    [property: JsonPropertyName("serviceId")] string? ServiceId,
    [property: JsonPropertyName("start")] long? Start,
    [property: JsonPropertyName("durationSeconds")] long? DurationSeconds,
    [property: JsonPropertyName("status")] int Status);
