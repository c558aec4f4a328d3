using System.Text.Json.Serialization;

namespace GbcPortal.Simulator;

/// <summary>The fault knobs, in the JSON shape of <c>GET/PUT /sim/faults</c> (gbc-protocol.md).</summary>
public sealed record FaultKnobs
{
    [JsonPropertyName("delaySeconds")]
    public DelayRange DelaySeconds { get; init; } = new(2, 10);

    /// <summary>Share of UsageRequests answered 503 (they do not count against the rate limit).</summary>
    [JsonPropertyName("transient503Share")]
    public double Transient503Share { get; init; }

    /// <summary>Share of deliveries sent a second time after they succeeded.</summary>
    [JsonPropertyName("duplicateCallbackShare")]
    public double DuplicateCallbackShare { get; init; }

    /// <summary>Share of deliveries whose first attempt never reaches the Requestor (it comes with the first retry).</summary>
    [JsonPropertyName("lostFirstDeliveryShare")]
    public double LostFirstDeliveryShare { get; init; }

    /// <summary>Share of accepted requests that end in an asynchronous UsageRequestStatus (Failed, InternalError).</summary>
    [JsonPropertyName("asyncRejectionShare")]
    public double AsyncRejectionShare { get; init; }

    [JsonPropertyName("deliveryMode")]
    [JsonConverter(typeof(JsonStringEnumConverter<DeliveryMode>))]
    public DeliveryMode DeliveryMode { get; init; } = DeliveryMode.Push;

    [JsonPropertyName("requestsPerMinute")]
    public int RequestsPerMinute { get; init; } = 6;

    /// <summary>Why these knobs cannot be used, or null when they can.</summary>
    public string? Problem()
    {
        if (DelaySeconds is null || DelaySeconds.Min < 0 || DelaySeconds.Max < DelaySeconds.Min)
            return "delaySeconds needs 0 <= min <= max.";
        if (DelaySeconds.Max > TimeSpan.FromDays(2).TotalSeconds)
            return "delaySeconds.max is at most two days.";
        double[] shares = [Transient503Share, DuplicateCallbackShare, LostFirstDeliveryShare, AsyncRejectionShare];
        if (shares.Any(s => double.IsNaN(s) || s is < 0 or > 1))
            return "Every share is between 0 and 1.";
        if (RequestsPerMinute is < 1 or > 100_000)
            return "requestsPerMinute is between 1 and 100000.";
        return Enum.IsDefined(DeliveryMode) ? null : "deliveryMode is Push or Notify.";
    }
}

/// <summary>Callback delays are drawn uniformly from [Min, Max] seconds.</summary>
public sealed record DelayRange(
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max);

/// <summary>Push posts the feed itself; Notify posts a BatchList of URIs to GET.</summary>
public enum DeliveryMode
{
    Push,
    Notify,
}
