namespace GbcPortal.Core.Requests;

/// <summary>
/// What the utility answered to a submitted UsageRequest: one case per row of gbc-protocol.md's table of
/// synchronous answers, plus the TLS refusal and the dropped connection that never get an HTTP status.
/// </summary>
public enum UtilityOutcomeKind
{
    /// <summary>202: queued; a callback will follow.</summary>
    Accepted,

    /// <summary>429: over the rate limit; a defect of our scheduler.</summary>
    RateLimited,

    /// <summary>403 PinMismatch: PIN wrong, changed or deleted.</summary>
    PinRejected,

    /// <summary>404 UnknownServiceId.</summary>
    UnknownServiceId,

    /// <summary>410 ServiceInactive: meter swap or rate change; the customer has a new Service ID.</summary>
    ServiceInactive,

    /// <summary>400 (or 413, 415) InvalidRequest: a bug on our side; never retried as is.</summary>
    InvalidRequest,

    /// <summary>503, a timeout or a connection failure: try again later.</summary>
    Unavailable,

    /// <summary>
    /// The connection closed before any answer. With TLS 1.3 a refused client certificate looks like this; so
    /// can an outage. Retried like Unavailable; a run of them is a refused certificate.
    /// </summary>
    ConnectionDropped,

    /// <summary>401 or a failed TLS handshake: a certificate is not accepted; stop sending and alert staff.</summary>
    CertificateRefused,
}

/// <summary>
/// The typed answer to <see cref="IUtilityClient.SubmitAsync"/>, made by the GBC client (src/Core/Gbc). <see cref="RetryAfter"/>
/// comes from the Retry-After header of a 429 or 503; <see cref="Message"/> is the utility's own text from the answer's body
/// (never the PIN, never ours: null when the utility wrote none). <see cref="HoldsDispatch"/> and <see cref="DroppedInARow"/>
/// are the dispatcher's: false for a lone 503, which only makes its own request wait; how many dropped connections in a row
/// it read as a refused certificate.
/// </summary>
public sealed record UtilityOutcome(
    UtilityOutcomeKind Kind,
    string? UtilityRequestId = null,
    TimeSpan? RetryAfter = null,
    string? Message = null,
    bool HoldsDispatch = true,
    int? DroppedInARow = null)
{
    public static UtilityOutcome Accepted(string utilityRequestId) => new(UtilityOutcomeKind.Accepted, utilityRequestId);
}
