using GbcPortal.Core.Linking;
using GbcPortal.Core.Notifications;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// Applies what the utility said about a request: its synchronous answer (dispatch), its callback
/// (ingest) or an asynchronous rejection. Each call is one transaction and is safe to repeat: a
/// duplicate or late callback changes nothing.
/// </summary>
public sealed class RequestOutcomes(
    IDbContextFactory<PortalDbContext> dbFactory,
    RequestStatusNotifier notifier,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    IOptions<LinkingOptions>? linking = null)
{
    private readonly LinkingOptions linkingSettings = linking?.Value ?? new LinkingOptions();

    /// <summary>Applies the synchronous answer to a send. Returns false if the request is gone.</summary>
    public Task<bool> ApplySubmitOutcomeAsync(int dataRequestId, UtilityOutcome outcome, CancellationToken cancellationToken = default) =>
        MutateAsync(dataRequestId, async (scope, ct) =>
        {
            // Unlinked or retried by staff while it was in flight: the request is no longer ours to move.
            if (!scope.Request.IsInFlight())
            {
                scope.Request.UtilityRequestId ??= outcome.UtilityRequestId;
                return true;
            }

            await OutcomeRules.ApplySubmitAsync(scope, outcome, ct);
            return true;
        }, cancellationToken);

    /// <summary>The stored PIN could not be decrypted, so the request was not sent: ask the customer for it again.</summary>
    public Task<bool> ApplyPinUnavailableAsync(int dataRequestId, CancellationToken cancellationToken = default) =>
        MutateAsync(dataRequestId, async (scope, ct) =>
        {
            if (!scope.Request.IsInFlight())
            {
                return false;
            }

            await OutcomeRules.ApplyPinUnavailableAsync(scope, ct);
            return true;
        }, cancellationToken);

    /// <summary>
    /// The callback was stored and ingested: the request is Complete, a new link becomes Active, and the
    /// link's coverage grows. Returns false (and changes nothing) when it was already Complete or Cancelled.
    /// </summary>
    public Task<bool> CompleteAsync(int dataRequestId, RequestCompletion completion, CancellationToken cancellationToken = default) =>
        MutateAsync(dataRequestId, async (scope, ct) =>
        {
            var (request, link, now) = (scope.Request, scope.Link, scope.Now);
            if (request.Status is RequestStatus.Complete or RequestStatus.Cancelled)
            {
                return false;
            }

            request.MoveTo(RequestStatus.Complete, now, completion.ReadingsStored == 0 ? ReasonCode.NoData : null);
            request.ReadingsStored = completion.ReadingsStored;
            request.ReadingsSkipped = completion.ReadingsSkipped;

            // Any completed request proves the PIN, whichever callback lands first.
            if (link.Status == LinkStatus.Pending)
            {
                link.MoveTo(LinkStatus.Active, now, null);
            }

            link.CoveredFrom = Min(link.CoveredFrom, request.WindowStart);
            link.CoveredTo = Max(link.CoveredTo, request.WindowEnd);
            link.LastCompleteReadingAt = Max(link.LastCompleteReadingAt, completion.LastReadingEnd);
            if (completion.LocalTime is { } local)
            {
                (link.TzOffsetSeconds, link.DstOffsetSeconds) = (local.TzOffsetSeconds, local.DstOffsetSeconds);
                (link.DstStartRule, link.DstEndRule) = (local.DstStartRule, local.DstEndRule);
            }

            // Recorded in this transaction, sent later by the outbox: no email is lost nor sent for a change rolled back.
            await CompletionNotices.RecordAsync(scope.Db, link, request, completion, now, ct);
            return true;
        }, cancellationToken);

    /// <summary>
    /// An asynchronous <c>UsageRequestStatus</c> callback, treated like the synchronous answer with the
    /// same reason: PinMismatch, UnknownServiceId, ServiceInactive, InvalidRequest, NoData, InternalError.
    /// </summary>
    public Task<bool> ApplyStatusCallbackAsync(int dataRequestId, string reason, string? message, CancellationToken cancellationToken = default) =>
        reason switch
        {
            "NoData" => CompleteAsync(dataRequestId, new RequestCompletion(null, 0), cancellationToken),
            "PinMismatch" => ApplyAsync(dataRequestId, UtilityOutcomeKind.PinRejected, message, cancellationToken),
            "UnknownServiceId" => ApplyAsync(dataRequestId, UtilityOutcomeKind.UnknownServiceId, message, cancellationToken),
            "ServiceInactive" => ApplyAsync(dataRequestId, UtilityOutcomeKind.ServiceInactive, message, cancellationToken),
            "InvalidRequest" => ApplyAsync(dataRequestId, UtilityOutcomeKind.InvalidRequest, message, cancellationToken),
            _ => RetryLaterAsync(dataRequestId, ReasonCode.UtilityFailed, message is { Length: > 0 } ? message : reason, cancellationToken),
        };

    /// <summary>The callback could not be used (for example a malformed feed): Failed with the reason, for staff.</summary>
    public Task<bool> FailAsync(int dataRequestId, ReasonCode reason, CancellationToken cancellationToken = default) =>
        MutateAsync(dataRequestId, (scope, _) =>
        {
            if (scope.Request.Status is RequestStatus.Complete or RequestStatus.Cancelled)
            {
                return Task.FromResult(false);
            }

            scope.Request.MoveTo(RequestStatus.Failed, scope.Now, reason);
            return Task.FromResult(true);
        }, cancellationToken);

    private Task<bool> ApplyAsync(int dataRequestId, UtilityOutcomeKind kind, string? message, CancellationToken cancellationToken) =>
        MutateAsync(dataRequestId, async (scope, ct) =>
        {
            if (scope.Request.Status is RequestStatus.Complete or RequestStatus.Cancelled)
            {
                return false;
            }

            await OutcomeRules.ApplySubmitAsync(scope, new UtilityOutcome(kind, Message: message), ct);
            return true;
        }, cancellationToken);

    private Task<bool> RetryLaterAsync(int dataRequestId, ReasonCode reason, string? utilityMessage, CancellationToken cancellationToken) =>
        MutateAsync(dataRequestId, (scope, _) =>
        {
            var request = scope.Request;
            if (request.Status is not (RequestStatus.Submitted or RequestStatus.Pending))
            {
                return Task.FromResult(false);
            }

            if (request.Attempts >= scope.Settings.MaxAttempts)
            {
                request.MoveTo(RequestStatus.Failed, scope.Now, reason, utilityMessage);
            }
            else
            {
                request.Requeue(scope.Now, scope.Now + scope.Settings.Backoff(request.Attempts), reason, utilityMessage);
            }

            return Task.FromResult(true);
        }, cancellationToken);

    private Task<bool> MutateAsync(int dataRequestId, Func<OutcomeScope, CancellationToken, Task> change, CancellationToken cancellationToken) =>
        MutateAsync(dataRequestId, async (scope, ct) =>
        {
            await change(scope, ct);
            return true;
        }, cancellationToken);

    // Optimistic concurrency: if another worker changed the rows meanwhile, read them again and re-decide.
    private async Task<bool> MutateAsync(int dataRequestId, Func<OutcomeScope, CancellationToken, Task<bool>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var request = await WithLinkQuery.For(db)(db, dataRequestId, cancellationToken);
            if (request?.Link is not { } link)
            {
                return false;
            }

            var (linkStatus, requestStatus) = (link.Status, request.Status);
            if (!await change(new OutcomeScope(db, request, link, time.GetUtcNow(), options.Value, linkingSettings), cancellationToken))
            {
                return false;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                continue;
            }

            if (link.Status != linkStatus || request.Status != requestStatus)
            {
                notifier.Notify(new RequestStatusChange(link.Id, request.Id));
            }

            return true;
        }
    }

    // Compiled once: every callback and every answer other than a 202 reads its request this way (README "The simulation at scale").
    private static readonly PerModel<Func<PortalDbContext, int, CancellationToken, Task<DataRequest?>>> WithLinkQuery =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, int id, CancellationToken _) => db.DataRequests.Include(r => r.Link).SingleOrDefault(r => r.Id == id)));

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
