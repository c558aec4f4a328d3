using System.Text.Json;
using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Callbacks;

/// <summary>
/// Receives one callback: refuse what is not ours, store the raw body durably, queue its
/// ingest, then answer. Nothing is parsed here, so a parser bug can never lose a delivery.
/// </summary>
public sealed class CallbackReceiver(
    CallbackBinding binding,
    IDbContextFactory<PortalDbContext> databases,
    IBackgroundJobClient jobs,
    IOptions<CallbackOptions> options,
    TimeProvider time,
    ILogger<CallbackReceiver> logger)
{
    public const string RequestIdHeader = "X-GBC-Request-Id";
    public const string UtilityRequestIdHeader = "X-GBC-Utility-Request-Id";

    public async Task<IResult> ReceiveAsync(HttpContext context)
    {
        // Our answers are for a machine: no HTML error pages re-executed into them.
        context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        if (!binding.IsCallbackConnection(context))
            return Results.NotFound();
        if (!Guid.TryParse(context.Request.Headers[RequestIdHeader], out var requestId))
            return Results.BadRequest();

        var cancellation = context.RequestAborted;
        await using var db = await databases.CreateDbContextAsync(cancellation);
        var request = await db.DataRequests.AsNoTracking()
            .Where(r => r.RequestId == requestId && (r.Attempts > 0 || r.SubmittedAt != null))
            .Select(r => new { r.Id })
            .FirstOrDefaultAsync(cancellation);
        if (request is null)
        {
            logger.LogWarning("Refused a callback for request {RequestId}: not a request we sent", requestId);
            return Results.NotFound();
        }

        var body = await CallbackBodyReader.ReadAsync(context.Request, options.Value.MaxBodyBytes, cancellation);
        if (body is null)
        {
            logger.LogWarning("Refused a callback for request {RequestId}: body over {Limit} bytes", requestId, options.Value.MaxBodyBytes);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var inbox = new CallbackInbox
        {
            DataRequestId = request.Id,
            RequestId = requestId,
            UtilityRequestId = context.Request.Headers[UtilityRequestIdHeader].FirstOrDefault(),
            ContentType = context.Request.ContentType,
            Headers = JsonSerializer.Serialize(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString())),
            Body = body,
            ReceivedAt = time.GetUtcNow(),
            State = InboxState.Received,
        };
        db.CallbackInbox.Add(inbox);
        try
        {
            await db.SaveChangesAsync(cancellation);
        }
        catch (DbUpdateException e)
        {
            // Not stored (the database busy or down): 503 asks the utility to deliver it again.
            logger.LogWarning(e, "Could not store a callback for request {RequestId}; asked the utility to retry", requestId);
            context.Response.Headers.RetryAfter = "60";
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        Core.Telemetry.GbcMetrics.CallbacksReceived.Add(1);
        try
        {
            jobs.Enqueue<IngestJob>(job => job.RunAsync(inbox.Id, CancellationToken.None));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Stored is what the utility needs to hear; the watchdog queues callbacks left unprocessed.
            logger.LogWarning(e, "Stored callback {InboxId} but could not queue its ingest; the watchdog will", inbox.Id);
        }
        logger.LogInformation("Stored callback {InboxId} for request {RequestId} ({Bytes} bytes)", inbox.Id, requestId, body.Length);

        // Stored and queued either way; a body that is not XML at all is refused so the utility
        // sees the fault, and the ingest job records it on the request for staff.
        return CallbackBodyReader.LooksLikeXml(body) ? Results.Ok() : Results.BadRequest();
    }
}
