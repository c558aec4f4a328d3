namespace GbcPortal.Core.Requests;

/// <summary>What the utility answered to a submission (the protocol's synchronous answers).</summary>
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

    /// <summary>410 ServiceInactive.</summary>
    ServiceInactive,

    /// <summary>400 InvalidRequest: a bug on our side; never retried as is.</summary>
    InvalidRequest,

    /// <summary>503, a timeout or a connection failure: try again later.</summary>
    Unavailable,

    /// <summary>The connection closed with no answer: retried like Unavailable; a run of them is a refused certificate.</summary>
    ConnectionDropped,

    /// <summary>401 or TLS refused: our client certificate is not accepted; stop sending.</summary>
    CertificateRefused,
}

/// <summary>
/// The typed answer to <see cref="IUtilityClient.SubmitAsync"/>. <see cref="RetryAfter"/> comes from the
/// Retry-After header of a 429 or 503; <see cref="Message"/> is the utility's text (never the PIN).
/// <see cref="HoldsDispatch"/> is false for a lone 503, which only makes its own request wait.
/// </summary>
public sealed record UtilityOutcome(
    UtilityOutcomeKind Kind,
    string? UtilityRequestId = null,
    TimeSpan? RetryAfter = null,
    string? Message = null,
    bool HoldsDispatch = true)
{
    public static UtilityOutcome Accepted(string utilityRequestId) => new(UtilityOutcomeKind.Accepted, utilityRequestId);
}
