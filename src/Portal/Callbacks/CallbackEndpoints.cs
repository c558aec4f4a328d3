using System.Globalization;
using GbcPortal.Core.Gbc;
using GbcPortal.Portal.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace GbcPortal.Portal.Callbacks;

/// <summary>
/// Maps the utility's callback route; it answers only on the mutual-TLS callback port. What is taken in and what is
/// answered is <see cref="CallbackIntake"/>'s (Core); here are the server's part and the ingest job.
/// </summary>
public static class CallbackEndpoints
{
    public const string Path = "/gbc/callback";

    public static IEndpointConventionBuilder MapCallbackEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, ReceiveAsync)
            .DisableAntiforgery()
            .AllowAnonymous() // the TLS handshake has already proven the caller is the utility
            .ExcludeFromDescription();

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, CallbackBinding binding, CallbackIntake intake, IBackgroundJobClient jobs, ILogger<CallbackIntake> logger)
    {
        // Our answers are for a machine: no HTML error pages re-executed into them.
        context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        if (!binding.IsCallbackConnection(context))
            return Results.NotFound();
        // Kestrel's own 30 MB cap would end the read with an exception; the intake's limit is ours to answer.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = intake.MaxBodyBytes + 1;

        var request = context.Request;
        var answer = await intake.StoreAsync(
            new CallbackDelivery(request.Headers, request.ContentType, request.ContentLength, request.Body), context.RequestAborted);
        if (answer.InboxId is { } inboxId)
        {
            try
            {
                jobs.Enqueue<IngestJob>(job => job.RunAsync(inboxId, CancellationToken.None));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Stored is what the utility needs to hear; the watchdog queues callbacks left unprocessed.
                logger.LogWarning(e, "Stored callback {InboxId} but could not queue its ingest; the watchdog will", inboxId);
            }
        }
        if (answer.RetryAfterSeconds is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.StatusCode(answer.StatusCode);
    }
}
