using System.Net;

namespace GbcPortal.Core.Utility;

/// <summary>Turns the utility's synchronous answer into a <see cref="SubmitOutcome"/>.</summary>
internal static class GbcResponseMapper
{
    /// <summary>What a 429 without Retry-After means: the rate window is a minute.</summary>
    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(1);

    public static async Task<SubmitOutcome> MapAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return TryParse(body, UsageRequestReceipt.Parse) is { } receipt
                ? new SubmitOutcome.Accepted(receipt)
                : new SubmitOutcome.Unavailable(null, "The utility accepted the request with an unreadable receipt.");
        }

        var status = TryParse(body, UsageRequestStatus.Parse);
        var message = status?.Message is { Length: > 0 } m ? m : $"The utility answered {code} {response.ReasonPhrase}.";
        // The reason in the body is the precise word; the status code is the fallback.
        switch (status?.Reason)
        {
            case StatusReason.PinMismatch:
                return new SubmitOutcome.PinRejected(message);
            case StatusReason.UnknownServiceId:
                return new SubmitOutcome.UnknownServiceId(message);
            case StatusReason.ServiceInactive:
                return new SubmitOutcome.ServiceInactive(message);
            case StatusReason.InvalidRequest:
                return new SubmitOutcome.InvalidRequest(message);
        }

        return code switch
        {
            400 or 413 or 415 => new SubmitOutcome.InvalidRequest(message),
            401 => new SubmitOutcome.CertificateRefused(message),
            403 => new SubmitOutcome.PinRejected(message),
            404 => new SubmitOutcome.UnknownServiceId(message),
            410 => new SubmitOutcome.ServiceInactive(message),
            429 => new SubmitOutcome.RateLimited(RetryAfter(response) ?? DefaultRateLimitWait),
            _ => new SubmitOutcome.Unavailable(RetryAfter(response), message),
        };
    }

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
