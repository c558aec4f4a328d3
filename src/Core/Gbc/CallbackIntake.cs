using System.Net;
using System.Text.Json;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace GbcPortal.Core.Gbc;

/// <summary>
/// Takes in one callback from the utility: refuse what is not ours, store the raw body durably in the
/// <see cref="CallbackInbox"/>, then say what to answer. Nothing is parsed here, so a parser bug can never lose a
/// delivery. The host has already checked the connection (mutual TLS, the callback port) and queues the ingest.
/// </summary>
public sealed class CallbackIntake(
    IDbContextFactory<PortalDbContext> databases,
    IOptions<BodyLimitOptions> limit,
    TimeProvider time,
    ILogger<CallbackIntake> logger)
{
    /// <summary>The largest body stored; the host lets its server read one byte more, so the limit is ours to answer.</summary>
    public long MaxBodyBytes => limit.Value.MaxBodyBytes;

    public async Task<CallbackAnswer> StoreAsync(CallbackDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var headers = delivery.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        if (!Guid.TryParse(headers.GetValueOrDefault(CallbackHeaders.RequestId).ToString(), out var requestId))
            return new CallbackAnswer((int)HttpStatusCode.BadRequest);

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var request = await db.DataRequests.AsNoTracking()
            .Where(r => r.RequestId == requestId && (r.Attempts > 0 || r.SubmittedAt != null))
            .Select(r => new { r.Id })
            .FirstOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            logger.LogWarning("Refused a callback for request {RequestId}: not a request we sent", requestId);
            return new CallbackAnswer((int)HttpStatusCode.NotFound);
        }

        var body = await BodyLimit.ReadAsync(delivery.Body, delivery.ContentLength, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            logger.LogWarning("Refused a callback for request {RequestId}: body over {Limit} bytes", requestId, MaxBodyBytes);
            return new CallbackAnswer((int)HttpStatusCode.RequestEntityTooLarge);
        }

        var inbox = new CallbackInbox
        {
            DataRequestId = request.Id,
            RequestId = requestId,
            UtilityRequestId = headers.GetValueOrDefault(CallbackHeaders.UtilityRequestId).FirstOrDefault(),
            ContentType = delivery.ContentType,
            Headers = JsonSerializer.Serialize(headers.ToDictionary(h => h.Key, h => h.Value.ToString())),
            Body = body,
            ReceivedAt = time.GetUtcNow(),
            State = InboxState.Received,
        };
        db.CallbackInbox.Add(inbox);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            // Not stored (the database busy or down): 503 asks the utility to deliver it again.
            logger.LogWarning(e, "Could not store a callback for request {RequestId}; asked the utility to retry", requestId);
            return new CallbackAnswer((int)HttpStatusCode.ServiceUnavailable, RetryAfterSeconds: 60);
        }
        Telemetry.GbcMetrics.CallbacksReceived.Add(1);
        logger.LogInformation("Stored callback {InboxId} for request {RequestId} ({Bytes} bytes)", inbox.Id, requestId, body.Length);

        // Stored either way; a body that is not XML at all is refused so the utility sees the fault,
        // and the ingest job records it on the request for staff.
        var status = CallbackBody.LooksLikeXml(body) ? HttpStatusCode.OK : HttpStatusCode.BadRequest;
        return new CallbackAnswer((int)status, inbox.Id);
    }
}

/// <summary>One callback as it came off the wire, before anything is believed: its headers and its unread body.</summary>
public sealed record CallbackDelivery(
    IEnumerable<KeyValuePair<string, StringValues>> Headers,
    string? ContentType,
    long? ContentLength,
    Stream Body);

/// <summary>
/// What the Requestor answers a callback (gbc-protocol.md: 200 only once it is stored). <see cref="InboxId"/> is the
/// stored row, to ingest, whatever the status; <see cref="RetryAfterSeconds"/> asks the utility to deliver it again.
/// </summary>
public sealed record CallbackAnswer(int StatusCode, int? InboxId = null, int? RetryAfterSeconds = null);
