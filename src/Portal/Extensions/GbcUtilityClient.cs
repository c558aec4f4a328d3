using GbcPortal.Core.Requests;
using GbcPortal.Core.Utility;
using GbcPortal.Portal.Callbacks;

namespace GbcPortal.Portal.Extensions;

/// <summary>
/// The dispatcher's view of the utility over the GBC client: one UsageRequest per call, carrying
/// this portal's callback URI, with the client's typed answer mapped to the pipeline's outcome.
/// </summary>
public sealed class GbcUtilityClient(GbcClient client, CallbackBinding callback) : IUtilityClient
{
    public async Task<UtilityOutcome> SubmitAsync(DataRequestSubmission submission, CancellationToken cancellationToken)
    {
        var message = new UsageRequestMessage(submission.RequestId.ToString(), submission.ServiceId, submission.Pin,
            submission.WindowStart, submission.DurationSeconds, callback.CallbackUri);
        return await client.SubmitAsync(message, cancellationToken) switch
        {
            SubmitOutcome.Accepted a => UtilityOutcome.Accepted(a.Receipt.UtilityRequestId),
            SubmitOutcome.RateLimited r => new UtilityOutcome(UtilityOutcomeKind.RateLimited, RetryAfter: r.RetryAfter),
            SubmitOutcome.PinRejected p => new UtilityOutcome(UtilityOutcomeKind.PinRejected, Message: p.Message),
            SubmitOutcome.UnknownServiceId u => new UtilityOutcome(UtilityOutcomeKind.UnknownServiceId, Message: u.Message),
            SubmitOutcome.ServiceInactive i => new UtilityOutcome(UtilityOutcomeKind.ServiceInactive, Message: i.Message),
            SubmitOutcome.InvalidRequest i => new UtilityOutcome(UtilityOutcomeKind.InvalidRequest, Message: i.Message),
            SubmitOutcome.Unavailable u => new UtilityOutcome(UtilityOutcomeKind.Unavailable, RetryAfter: u.RetryAfter, Message: u.Message),
            SubmitOutcome.ConnectionDropped d => new UtilityOutcome(UtilityOutcomeKind.ConnectionDropped, Message: d.Message),
            SubmitOutcome.CertificateRefused c => new UtilityOutcome(UtilityOutcomeKind.CertificateRefused, Message: c.Message),
            var other => throw new InvalidOperationException($"Unexpected outcome {other.GetType().Name}."),
        };
    }
}
