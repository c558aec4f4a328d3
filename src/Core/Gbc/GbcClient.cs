using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using GbcPortal.Core.Requests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace GbcPortal.Core.Gbc;

/// <summary>
/// Talks to the utility's Green Button Connect API over mutual TLS (the handler is set up by
/// <see cref="GbcServiceCollectionExtensions.AddGbc"/>): the dispatcher's <see cref="IUtilityClient"/>, every
/// answer a <see cref="UtilityOutcome"/>, and the Notify resources' downloads, which alone are retried.
/// </summary>
public sealed class GbcClient(HttpClient http, ICallbackAddress callbacks, IOptions<BodyLimitOptions> limit, ILogger<GbcClient> logger)
    : IUtilityClient
{
    /// <summary>The typed client's name, for a host that configures it further (the in-process simulator's address).</summary>
    public const string HttpClientName = nameof(GbcClient);

    public const string UsageRequestPath = "GreenButtonConnect/espi/1_1/UsageRequest";

    private static readonly MediaTypeHeaderValue Xml = new("application/xml") { CharSet = "utf-8" };

    /// <summary>POSTs one UsageRequest, with this host's callbackUri, and never retries it (see <see cref="IUtilityClient"/>).</summary>
    public async Task<UtilityOutcome> SubmitAsync(UsageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await SendAsync(request with { CallbackUri = callbacks.CallbackUri }, cancellationToken).ConfigureAwait(false);
        Telemetry.GbcMetrics.Sent(outcome.Kind);
        // Only ids and the outcome's kind: the request itself holds the PIN.
        logger.LogInformation("UsageRequest {RequestId} for Service ID {ServiceId}: {Outcome}",
            request.RequestId, request.ServiceId, outcome.Kind);
        return outcome;
    }

    /// <summary>
    /// GETs a resource URI from a Notify callback's BatchList (an Atom feed). Throws
    /// <see cref="HttpRequestException"/> (with its status code when there is one) on failure.
    /// </summary>
    public async Task<byte[]> FetchResourceAsync(Uri resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        using var response = await http.GetAsync(resource, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new HttpRequestException($"GET {resource} answered {(int)response.StatusCode}.", null, response.StatusCode);
        var max = limit.Value.MaxBodyBytes;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await BodyLimit.ReadAsync(body, response.Content.Headers.ContentLength, max, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException($"GET {resource} is larger than {max} bytes.");
    }

    // The outcome's message is the utility's own words only: what went wrong on the way (the HTTP status, the
    // exception) is logged here, and the outcome's kind carries the meaning.
    private async Task<UtilityOutcome> SendAsync(UsageRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(request.ToXml());
            content.Headers.ContentType = Xml;
            using var response = await http.PostAsync(UsageRequestPath, content, cancellationToken).ConfigureAwait(false);
            var outcome = await GbcResponseMapper.MapAsync(response, cancellationToken).ConfigureAwait(false);
            if (outcome.Kind != UtilityOutcomeKind.Accepted)
                logger.LogWarning("UsageRequest {RequestId}: the utility answered {StatusCode} {ReasonPhrase}",
                    request.RequestId, (int)response.StatusCode, response.ReasonPhrase);
            return outcome;
        }
        catch (HttpRequestException e) when (IsCertificateFailure(e))
        {
            logger.LogError(e, "The TLS handshake with the utility failed: a certificate was refused");
            return new UtilityOutcome(UtilityOutcomeKind.CertificateRefused);
        }
        catch (HttpRequestException e) when (EndedWithoutAnswer(e))
        {
            logger.LogWarning(e, "The utility closed the connection without an answer");
            return new UtilityOutcome(UtilityOutcomeKind.ConnectionDropped);
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "The utility could not be reached");
            return GbcResponseMapper.Unavailable(null, null);
        }
        catch (Exception e) when (e is TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("UsageRequest {RequestId}: the utility did not answer in time", request.RequestId);
            return GbcResponseMapper.Unavailable(null, null);
        }
    }

    // The TLS session was set up and then closed before the first byte of a response.
    private static bool EndedWithoutAnswer(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded })
                return true;
        }
        return e.HttpRequestError == HttpRequestError.ResponseEnded;
    }

    /// <summary>
    /// A refused certificate shows up as an authentication failure (our check of the server,
    /// or a TLS 1.2 alert) or, with TLS 1.3, as an alert the server sends after the handshake.
    /// </summary>
    internal static bool IsCertificateFailure(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException)
                return true;
            if (inner.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
