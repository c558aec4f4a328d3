using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace GbcPortal.Core.Utility;

/// <summary>
/// Talks to the utility's Green Button Connect API over mutual TLS (the handler is set up by
/// <see cref="GbcClientServiceCollectionExtensions.AddGbcClient"/>). Transient failures are
/// retried by the resilience handler; every answer becomes a <see cref="SubmitOutcome"/>.
/// </summary>
public sealed class GbcClient(HttpClient http, IOptions<GbcClientOptions> options, ILogger<GbcClient> logger)
{
    public const string UsageRequestPath = "GreenButtonConnect/espi/1_1/UsageRequest";

    private static readonly MediaTypeHeaderValue Xml = new("application/xml") { CharSet = "utf-8" };

    public async Task<SubmitOutcome> SubmitAsync(UsageRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Telemetry.GbcMetrics.Sent(outcome.GetType().Name);
        // Only ids and the outcome's type: the request itself holds the PIN.
        logger.LogInformation("UsageRequest {RequestId} for Service ID {ServiceId}: {Outcome}",
            request.RequestId, request.ServiceId, outcome.GetType().Name);
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
        var limit = options.Value.MaxResourceBytes;
        if (response.Content.Headers.ContentLength > limit)
            throw new HttpRequestException($"GET {resource} is larger than {limit} bytes.");

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new HttpRequestException($"GET {resource} is larger than {limit} bytes.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private async Task<SubmitOutcome> SendAsync(UsageRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(request.ToXml());
            content.Headers.ContentType = Xml;
            using var response = await http.PostAsync(UsageRequestPath, content, cancellationToken).ConfigureAwait(false);
            return await GbcResponseMapper.MapAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (IsCertificateFailure(e))
        {
            logger.LogError(e, "The TLS handshake with the utility failed: a certificate was refused");
            return new SubmitOutcome.CertificateRefused("The TLS handshake with the utility failed: " + e.Message);
        }
        catch (HttpRequestException e) when (EndedWithoutAnswer(e))
        {
            logger.LogWarning(e, "The utility closed the connection without an answer");
            return new SubmitOutcome.ConnectionDropped("The utility closed the connection without an answer.");
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "The utility could not be reached");
            return new SubmitOutcome.Unavailable(null, "The utility could not be reached: " + e.Message);
        }
        catch (Exception e) when (e is TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new SubmitOutcome.Unavailable(null, "The utility did not answer in time.");
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
