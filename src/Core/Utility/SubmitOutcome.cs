namespace GbcPortal.Core.Utility;

/// <summary>
/// What became of a submitted UsageRequest, one case per row of gbc-protocol.md's table of
/// synchronous answers (plus the TLS refusal that never gets an HTTP status).
/// </summary>
public abstract record SubmitOutcome
{
    private SubmitOutcome()
    {
    }

    /// <summary>202: queued; wait for the callback.</summary>
    public sealed record Accepted(UsageRequestReceipt Receipt) : SubmitOutcome;

    /// <summary>429: over the utility's rate limit; wait at least <see cref="RetryAfter"/>.</summary>
    public sealed record RateLimited(TimeSpan RetryAfter) : SubmitOutcome;

    /// <summary>403 PinMismatch: the PIN is wrong, changed or deleted.</summary>
    public sealed record PinRejected(string Message) : SubmitOutcome;

    /// <summary>404 UnknownServiceId.</summary>
    public sealed record UnknownServiceId(string Message) : SubmitOutcome;

    /// <summary>410 ServiceInactive: meter swap or rate change; the customer has a new Service ID.</summary>
    public sealed record ServiceInactive(string Message) : SubmitOutcome;

    /// <summary>400 (or 413): our request is wrong; never resend it as is.</summary>
    public sealed record InvalidRequest(string Message) : SubmitOutcome;

    /// <summary>503, a timeout or a broken connection after the retries: try again later.</summary>
    public sealed record Unavailable(TimeSpan? RetryAfter, string Message) : SubmitOutcome;

    /// <summary>
    /// The connection was closed before any answer (no HTTP status). With TLS 1.3 a refused client
    /// certificate looks like this; so can an outage. One is retried; a run of them stops dispatch.
    /// </summary>
    public sealed record ConnectionDropped(string Message) : SubmitOutcome;

    /// <summary>401 or a failed TLS handshake: a certificate is not accepted; stop and alert staff.</summary>
    public sealed record CertificateRefused(string Message) : SubmitOutcome;
}
