using System.Net.Http.Headers;
using GbcPortal.Core.Gbc;
using Microsoft.Extensions.Logging;

namespace GbcPortal.Simulator.Delivery;

/// <summary>POSTs one callback to the Requestor with the utility's client certificate.</summary>
internal sealed class CallbackSender(HttpClient http, SimulatorOptions options, ILogger<CallbackSender> logger)
{
    /// <summary>True only for a 200: anything else, or no answer in time, means try again later.</summary>
    public async Task<bool> PostAsync(DeliveryJob job, byte[] body, string contentType, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CallbackTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, job.CallbackUri)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        request.Headers.Add(CallbackHeaders.RequestId, job.RequestId);
        request.Headers.Add(CallbackHeaders.UtilityRequestId, job.UtilityRequestId);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            logger.LogInformation("Callback {UtilityRequestId} to {CallbackUri}: {Status}",
                job.UtilityRequestId, job.CallbackUri, (int)response.StatusCode);
            return response.StatusCode == System.Net.HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Callback {UtilityRequestId} to {CallbackUri} failed: {Error}", job.UtilityRequestId, job.CallbackUri, e.Message);
            return false;
        }
    }
}
