using GbcPortal.Core.Gbc;
using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using Microsoft.Extensions.Logging;

namespace GbcPortal.Core.Requests;

/// <summary>Sends one claimed request to the utility and records its answer at once.</summary>
public sealed class DispatchSender(
    IUtilityClient client,
    PinProtector pins,
    SendRecorder recorder,
    DispatchHalts halts,
    ILogger<DispatchSender> logger)
{
    /// <summary>Sends <paramref name="request"/> (claimed, with its link). Null when it did not leave.</summary>
    public async Task<UtilityOutcome?> SendAsync(DataRequest request, CancellationToken cancellationToken)
    {
        var link = request.Link!;
        if (!pins.TryUnprotect(link.ProtectedPin, out var pin))
        {
            logger.LogWarning("The PIN of link {LinkId} cannot be decrypted; asking the customer again", link.Id);
            await recorder.RecordPinUnavailableAsync(request);
            return null;
        }

        if (!await recorder.MarkSendingAsync(request, cancellationToken))
        {
            // Recovered by another instance meanwhile (we looked dead to it), held up too long since the claim, or a refresh
            // whose off-peak window closed meanwhile: it never left.
            logger.LogWarning("Request {RequestId} was not sent: its claim was taken back or had grown too old; back in the queue", request.RequestId);
            return null;
        }

        var usageRequest = UsageRequest.ForWindow(request.RequestId.ToString(), link.ServiceId, pin, request.WindowStart, request.WindowEnd);
        UtilityOutcome outcome;
        try
        {
            outcome = await client.SubmitAsync(usageRequest, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await recorder.RecordInterruptedAsync(request);
            throw;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Sending request {RequestId} failed", request.RequestId);
            outcome = new UtilityOutcome(UtilityOutcomeKind.Unavailable);
        }

        logger.LogInformation("Request {RequestId} ({Kind}) of link {LinkId}: {Outcome}", request.RequestId, request.Kind, link.Id, outcome.Kind);
        outcome = halts.Classify(outcome);
        await recorder.RecordAnswerAsync(request, outcome);
        return outcome;
    }
}
