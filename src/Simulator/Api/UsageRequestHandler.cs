using System.Globalization;
using GbcPortal.Core.Gbc;
using GbcPortal.Simulator.Accounts;
using GbcPortal.Simulator.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GbcPortal.Simulator.Api;

/// <summary>
/// <c>POST /GreenButtonConnect/espi/1_1/UsageRequest</c>: every synchronous answer of
/// gbc-protocol.md, in the order a utility checks them. Never a 500.
/// </summary>
internal sealed class UsageRequestHandler(
    AccountStore accounts,
    FaultState faults,
    RateLimiter limiter,
    SimulatorMetrics metrics,
    DeliveryScheduler scheduler,
    SimRandom random,
    SimulatorOptions options,
    TimeProvider time,
    ILogger<UsageRequestHandler> logger)
{
    private long _sequence;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        metrics.RequestReceived();
        var receivedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        // Logged once the answer is out, with its final status (the admin API's request log).
        context.Response.OnCompleted(() =>
        {
            var asked = context.Items[typeof(UsageRequest)] as UsageRequest;
            metrics.Received(new ReceivedRequest(receivedAt, asked?.RequestId, asked?.ServiceId, asked?.Start.ToUnixTimeSeconds(),
                asked?.DurationSeconds, context.Response.StatusCode));
            return Task.CompletedTask;
        });
        try
        {
            return await AnswerAsync(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A simulator bug must still look like a utility: busy, try later; never a 500.
            logger.LogError(e, "UsageRequest failed inside the simulator");
            context.Response.Headers.RetryAfter = "5";
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        var certificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted).ConfigureAwait(false);
        if (certificate is null)
            return Results.StatusCode(StatusCodes.Status401Unauthorized);

        var knobs = faults.Current;
        if (random.Chance(knobs.Transient503Share))
        {
            context.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        if (!limiter.TryAcquire(certificate.Thumbprint, knobs.RequestsPerMinute, out var wait))
        {
            metrics.RateLimited();
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            logger.LogWarning("Rate limit: {Requestor} sent more than {Limit} requests a minute", certificate.Subject, knobs.RequestsPerMinute);
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var body = await BodyLimit.ReadAsync(context.Request.Body, context.Request.ContentLength, options.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
            return Refuse(StatusCodes.Status413PayloadTooLarge, "", StatusReason.InvalidRequest, $"The body is larger than {options.MaxRequestBytes} bytes.");

        UsageRequest request;
        try
        {
            using var stream = new MemoryStream(body);
            request = UsageRequest.Parse(stream);
        }
        catch (GbcMessageException e)
        {
            return Refuse(StatusCodes.Status400BadRequest, "", StatusReason.InvalidRequest, e.Message);
        }

        context.Items[typeof(UsageRequest)] = request;
        return Decide(request, certificate.Thumbprint, knobs);
    }

    private IResult Decide(UsageRequest request, string thumbprint, FaultKnobs knobs)
    {
        metrics.RequestFor(request.ServiceId);
        var now = time.GetUtcNow();
        if (request.DurationSeconds <= 0)
            return Refuse(StatusCodes.Status400BadRequest, request.RequestId, StatusReason.InvalidRequest, "interval/duration must be positive.");
        if (request.DurationSeconds > UsageRequest.MaxDurationSeconds)
            return Refuse(StatusCodes.Status400BadRequest, request.RequestId, StatusReason.InvalidRequest, "The window is longer than 185 days (15984000 s).");
        if (request.Start > now)
            return Refuse(StatusCodes.Status400BadRequest, request.RequestId, StatusReason.InvalidRequest, "interval/start is in the future.");

        var account = accounts.Find(request.ServiceId);
        if (account is null)
            return Refuse(StatusCodes.Status404NotFound, request.RequestId, StatusReason.UnknownServiceId, "No such Service ID.");
        if (!account.PinMatches(request.Pin))
            return Refuse(StatusCodes.Status403Forbidden, request.RequestId, StatusReason.PinMismatch, "PIN does not match Service ID");
        if (!account.Active)
            return Refuse(StatusCodes.Status410Gone, request.RequestId, StatusReason.ServiceInactive, "Service ID is inactive.");

        var utilityRequestId = $"U-{Interlocked.Increment(ref _sequence):D6}";
        scheduler.Enqueue(new DeliveryJob(
            request.RequestId,
            utilityRequestId,
            account,
            request.Start,
            request.End,
            request.CallbackUri!, // Parse refuses a request without one
            thumbprint,
            TimeSpan.FromSeconds(random.Between(knobs.DelaySeconds.Min, knobs.DelaySeconds.Max)),
            knobs.DeliveryMode,
            random.Chance(knobs.LostFirstDeliveryShare),
            random.Chance(knobs.DuplicateCallbackShare),
            random.Chance(knobs.AsyncRejectionShare)));

        logger.LogInformation("UsageRequest {RequestId} for Service ID {ServiceId} accepted as {UtilityRequestId}",
            request.RequestId, request.ServiceId, utilityRequestId);
        var receipt = new UsageRequestReceipt(request.RequestId, utilityRequestId, now);
        return new XmlResult(receipt.ToXml(), StatusCodes.Status202Accepted);
    }

    private IResult Refuse(int statusCode, string requestId, StatusReason reason, string message)
    {
        metrics.Rejected();
        logger.LogInformation("UsageRequest {RequestId} refused: {Status} {Reason}", requestId, statusCode, reason);
        var status = new UsageRequestStatus(requestId, null, RequestState.Rejected, reason, message);
        return new XmlResult(status.ToXml(), statusCode);
    }
}
