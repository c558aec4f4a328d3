using System.Net;
using GbcPortal.Core.Requests;

namespace GbcPortal.Core.Gbc;

/// <summary>
/// Turns the utility's synchronous answer into a <see cref="UtilityOutcome"/>: its kind says what the answer means,
/// its message is only what the utility itself wrote in the body (the HTTP status goes to <see cref="GbcClient"/>'s log).
/// </summary>
internal static class GbcResponseMapper
{
    /// <summary>What a 429 without Retry-After means: the rate window is a minute.</summary>
    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(1);

    public static async Task<UtilityOutcome> MapAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return TryParse(body, UsageRequestReceipt.Parse) is { } receipt
                ? UtilityOutcome.Accepted(receipt.UtilityRequestId)
                : Unavailable(null, null);
        }

        var status = TryParse(body, UsageRequestStatus.Parse);
        var message = status?.Message is { Length: > 0 } m ? m : null;
        // The reason in the body is the precise word; the status code is the fallback.
        switch (status?.Reason)
        {
            case StatusReason.PinMismatch:
                return Refused(UtilityOutcomeKind.PinRejected, message);
            case StatusReason.UnknownServiceId:
                return Refused(UtilityOutcomeKind.UnknownServiceId, message);
            case StatusReason.ServiceInactive:
                return Refused(UtilityOutcomeKind.ServiceInactive, message);
            case StatusReason.InvalidRequest:
                return Refused(UtilityOutcomeKind.InvalidRequest, message);
        }

        return code switch
        {
            400 or 413 or 415 => Refused(UtilityOutcomeKind.InvalidRequest, message),
            401 => Refused(UtilityOutcomeKind.CertificateRefused, message),
            403 => Refused(UtilityOutcomeKind.PinRejected, message),
            404 => Refused(UtilityOutcomeKind.UnknownServiceId, message),
            410 => Refused(UtilityOutcomeKind.ServiceInactive, message),
            429 => new UtilityOutcome(UtilityOutcomeKind.RateLimited, RetryAfter: RetryAfter(response) ?? DefaultRateLimitWait),
            _ => Unavailable(RetryAfter(response), message),
        };
    }

    private static UtilityOutcome Refused(UtilityOutcomeKind kind, string? message) => new(kind, Message: message);

    public static UtilityOutcome Unavailable(TimeSpan? retryAfter, string? message) =>
        new(UtilityOutcomeKind.Unavailable, RetryAfter: retryAfter, Message: message);

    internal static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
        {
            var wait = date - (response.Headers.Date ?? DateTimeOffset.UtcNow);
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static T? TryParse<T>(byte[] body, Func<Stream, T> parse)
        where T : class
    {
        if (body.Length == 0)
            return null;
        try
        {
            using var stream = new MemoryStream(body);
            return parse(stream);
        }
        catch (GbcMessageException)
        {
            return null;
        }
    }
}
