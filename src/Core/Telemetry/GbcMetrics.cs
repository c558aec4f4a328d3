using System.Diagnostics.Metrics;
using GbcPortal.Core.Requests;

namespace GbcPortal.Core.Telemetry;

/// <summary>
/// The portal's own OpenTelemetry instruments, on one meter. Counters are counted where the event
/// happens; what the database already knows (backlog, ingest lag) is observed from it at scrape.
/// </summary>
public static class GbcMetrics
{
    public const string MeterName = "GbcPortal";

    public static readonly Meter Meter = new(MeterName);

    /// <summary>UsageRequests POSTed to the utility, by outcome (Accepted, RateLimited, PinRejected, …).</summary>
    public static readonly Counter<long> RequestsSent = Meter.CreateCounter<long>("gbc.requests.sent", "{request}",
        "UsageRequests sent to the utility, by the outcome of the synchronous answer.");

    /// <summary>429 answers: each one is a defect of our scheduler (the budget should have prevented it).</summary>
    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("gbc.utility.rate_limited", "{response}",
        "429 Too Many Requests answers from the utility.");

    public static readonly Counter<long> CallbacksReceived = Meter.CreateCounter<long>("gbc.callbacks.received", "{callback}",
        "Callbacks from the utility stored in the inbox.");

    /// <summary>Counts one synchronous answer to a UsageRequest.</summary>
    public static void Sent(UtilityOutcomeKind outcome)
    {
        RequestsSent.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        if (outcome == UtilityOutcomeKind.RateLimited)
            RateLimited.Add(1);
    }
}
