using System.Data.Common;
using System.Xml;
using GbcPortal.Core.Espi;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Ingest;

/// <summary>
/// Turns one stored callback into readings and a finished request. Safe to run twice or to die
/// anywhere: readings are upserted in one transaction, the request's outcome is idempotent, and
/// the callback is marked processed only after both, so a rerun redoes what is missing.
/// </summary>
public sealed class IngestService(
    IDbContextFactory<PortalDbContext> databases,
    IFeedSource feeds,
    RequestOutcomes outcomes,
    IIngestProbe probe,
    TimeProvider time,
    ILogger<IngestService> logger,
    IOptions<GbcClientOptions>? utility = null,
    IOptions<BodyLimitOptions>? limit = null)
{


    // Every feed came from the utility, so none is larger than the one limit on its bodies.
    private readonly EspiReader _reader = new(limit is null ? null : new EspiReaderOptions { MaxBytes = limit.Value.MaxBodyBytes });

    /// <summary>Ingests a callback as it arrives; one for a request already Complete or Cancelled is kept but not ingested.</summary>
    public Task<IngestResult> ProcessAsync(int inboxId, CancellationToken cancellationToken = default) =>
        ProcessAsync(inboxId, replay: false, cancellationToken);

    private async Task<IngestResult> ProcessAsync(int inboxId, bool replay, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // Never tracked: change detection compares a byte[] element by element, and a body is megabytes.
        var inbox = await db.CallbackInbox.AsNoTracking().Where(c => c.Id == inboxId)
            .Select(c => new { c.Id, c.State, c.DataRequestId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"There is no stored callback {inboxId}.");
        if (inbox.State == InboxState.Processed)
            return new IngestResult(IngestOutcome.AlreadyProcessed);

        var request = await db.DataRequests.Include(r => r.Link).AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == inbox.DataRequestId, cancellationToken);
        if (request?.Link is not { Status: not LinkStatus.Unlinked } link)
        {
            await MarkAsync(db, inboxId, InboxState.Processed, new(CallbackProblem.RequestGone), cancellationToken);
            return new IngestResult(IngestOutcome.Ignored);
        }

        // A callback we did not wait for (a duplicate, or one for a request that was replaced) must not
        // change stored usage unless staff replay it.
        if (!replay && request.Status is RequestStatus.Complete or RequestStatus.Cancelled)
        {
            await MarkAsync(db, inboxId, InboxState.NotIngested, new(CallbackProblem.AlreadyFinished, request.Status.ToString()), cancellationToken);
            logger.LogWarning("Callback {InboxId} for request {RequestId} ({Status}) kept but not ingested", inboxId, request.Id, request.Status);
            return new IngestResult(IngestOutcome.NotIngested);
        }

        // The row stays Received until the end, so the state is written once, with the attempt count.
        var lookedUp = time.GetElapsedTime(started);
        IReadOnlyList<EspiDocument> documents;
        try
        {
            var (kind, document, status) = await ReadBodyAsync(db, inboxId, cancellationToken);
            if (kind == CallbackBodyKind.Status)
            {
                // Treated exactly like the synchronous answer with the same reason (gbc-protocol.md).
                await outcomes.ApplyStatusCallbackAsync(request.Id, status!.Reason.ToString(), status.Message, cancellationToken);
                await MarkAsync(db, inboxId, InboxState.Processed, null, cancellationToken);
                await CompressBodyAsync(db, inboxId, cancellationToken);
                logger.LogInformation("Callback {InboxId}: request {RequestId} answered {Status} {Reason}",
                    inboxId, request.Id, status.Status, status.Reason);
                return new IngestResult(IngestOutcome.StatusApplied);
            }
            if (document!.IsBatchList && IngestChecks.RefuseResources(document.ResourceUris, utility?.Value.BaseUrl) is { } refusedUris)
                throw new CallbackRefusedException(refusedUris);
            documents = await FetchFeedsAsync(document, cancellationToken);
            if (IngestChecks.RefuseUsagePoints(documents) is { } refusedPoints)
                throw new CallbackRefusedException(refusedPoints);
        }
        catch (CallbackRefusedException ex)
        {
            await MarkAsync(db, inboxId, InboxState.Failed, ex.Refusal, cancellationToken);
            await outcomes.FailAsync(request.Id, ReasonCode.CallbackRefused, cancellationToken);
            logger.LogWarning("Callback {InboxId} for request {RequestId} refused: {Reason}", inboxId, request.Id, ex.Message);
            return new IngestResult(IngestOutcome.Refused, Error: ex.Message);
        }
        catch (Exception ex) when (ex is EspiFormatException or GbcMessageException or XmlException)
        {
            // The parser's own diagnostic is kept as data, for staff and for a fix.
            await MarkAsync(db, inboxId, InboxState.Failed, new(CallbackProblem.Malformed, ex.Message), cancellationToken);
            await outcomes.FailAsync(request.Id, ReasonCode.MalformedCallback, cancellationToken);
            logger.LogWarning("Callback {InboxId} for request {RequestId} is malformed: {Error}", inboxId, request.Id, ex.Message);
            return new IngestResult(IngestOutcome.Malformed, Error: ex.Message);
        }

        var parsed = time.GetElapsedTime(started);
        (documents, var outside) = IngestChecks.InsideWindow(documents, request.WindowStart, request.WindowEnd);
        CallbackRefusal? warning = outside == 0 ? null : new(CallbackProblem.ReadingsOutsideWindow, Count: outside);
        if (warning is not null)
            logger.LogWarning("Callback {InboxId} for request {RequestId}: {Outside} readings outside the requested window dropped",
                inboxId, request.Id, outside);
        var batch = await StoreReadingsAsync(db, inboxId, link, documents, cancellationToken);
        var stored = time.GetElapsedTime(started);
        await outcomes.CompleteAsync(request.Id,
            new RequestCompletion(batch.LatestEnd, batch.Rows.Count, batch.Skipped, batch.LocalTime), cancellationToken);
        await MarkAsync(db, inboxId, InboxState.Processed, warning, cancellationToken);
        await CompressBodyAsync(db, inboxId, cancellationToken);
        logger.LogInformation(
            "Callback {InboxId}: {Stored} readings stored, {Skipped} skipped, request {RequestId} complete "
            + "(look-up {LookUpMs:F0} ms, read and parse {ParseMs:F0} ms, store {StoreMs:F0} ms, total {TotalMs:F0} ms)",
            inboxId, batch.Rows.Count, batch.Skipped, request.Id, lookedUp.TotalMilliseconds, (parsed - lookedUp).TotalMilliseconds,
            (stored - parsed).TotalMilliseconds, time.GetElapsedTime(started).TotalMilliseconds);
        return new IngestResult(IngestOutcome.Stored, batch.Rows.Count, batch.Skipped, OutsideWindow: outside);
    }

    /// <summary>Runs a stored callback again (after a parser fix, say), whatever became of it before.</summary>
    public async Task<IngestResult> ReplayAsync(int inboxId, CancellationToken cancellationToken = default)
    {
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            // A body deleted past its retention cannot be read again: refused before the row is reopened.
            var updated = await db.CallbackInbox.Where(c => c.Id == inboxId && c.BodyDeletedAt == null)
                .ExecuteUpdateAsync(c => c.SetProperty(i => i.State, InboxState.Received)
                    .SetProperty(i => i.Problem, (CallbackProblem?)null).SetProperty(i => i.Detail, (string?)null).SetProperty(i => i.Count, (int?)null),
                    cancellationToken);
            if (updated == 0)
                throw new InvalidOperationException(await db.CallbackInbox.AnyAsync(c => c.Id == inboxId, cancellationToken)
                    ? $"The body of callback {inboxId} was deleted past its retention; it cannot be replayed."
                    : $"There is no stored callback {inboxId}.");
        }
        logger.LogInformation("Replaying callback {InboxId}", inboxId);
        return await ProcessAsync(inboxId, replay: true, cancellationToken);
    }

    /// <summary>
    /// Parses the stored body straight from the database. The stream is closed before anything is
    /// written or fetched: it holds a read snapshot, which a write on the same connection would
    /// have to upgrade.
    /// </summary>
    private async Task<(CallbackBodyKind Kind, EspiDocument? Document, UsageRequestStatus? Status)> ReadBodyAsync(
        PortalDbContext db, int inboxId, CancellationToken cancellationToken)
    {
        await using var body = await StoredCallbackBody.OpenAsync(db, inboxId, cancellationToken);
        var kind = CallbackBody.Classify(body);
        body.Position = 0;
        return kind == CallbackBodyKind.Status
            ? (kind, null, UsageRequestStatus.Parse(body))
            : (kind, _reader.Read(body), null); // the reader says what is wrong with anything else
    }

    private async Task<IReadOnlyList<EspiDocument>> FetchFeedsAsync(EspiDocument document, CancellationToken cancellationToken)
    {
        if (!document.IsBatchList)
            return [document];

        // Notify mode: the body only names the feeds; each is fetched over mutual TLS. A network
        // failure propagates, so the job is retried, while a bad feed is a malformed response.
        var documents = new List<EspiDocument>(document.ResourceUris.Count);
        foreach (var uri in document.ResourceUris)
        {
            await using var feed = await feeds.OpenAsync(uri, cancellationToken);
            documents.Add(_reader.Read(feed));
        }
        return documents;
    }

    private async Task<ReadingBatch> StoreReadingsAsync(PortalDbContext db, int inboxId, ServiceLink link,
        IReadOnlyList<EspiDocument> documents, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await ReadingBatch.BuildAsync(db, link, documents, cancellationToken);
        await ReadingUpserter.UpsertAsync(db, batch.Rows, cancellationToken);
        probe.ReadingsWritten(inboxId, batch.Rows.Count);
        await transaction.CommitAsync(cancellationToken);
        return batch;
    }

    /// <summary>
    /// Ingested, the body is kept compressed (until <c>Ingest:BodyRetentionDays</c>): it was 93% of the file.
    /// A failure here costs only space, so it is logged and left to the hourly <see cref="CallbackBodyRetention"/> run.
    /// </summary>
    private async Task CompressBodyAsync(PortalDbContext db, int inboxId, CancellationToken cancellationToken)
    {
        try
        {
            var saved = await StoredCallbackBody.CompressAsync(db, inboxId, cancellationToken);
            if (saved > 0)
                await StoredCallbackBody.ReleaseFreePagesAsync(db, cancellationToken);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or InvalidDataException)
        {
            logger.LogWarning(e, "Callback {InboxId} ingested, but its body could not be compressed now; the retention job will", inboxId);
        }
    }

    private async Task MarkAsync(PortalDbContext db, int inboxId, InboxState state, CallbackRefusal? problem, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var processed = state == InboxState.Processed;
        await db.CallbackInbox.Where(c => c.Id == inboxId).ExecuteUpdateAsync(c => c
            .SetProperty(i => i.State, state)
            .SetProperty(i => i.Attempts, i => i.Attempts + 1)
            .SetProperty(i => i.Problem, problem == null ? null : problem.Problem)
            .SetProperty(i => i.Detail, problem == null ? null : problem.Detail)
            .SetProperty(i => i.Count, problem == null ? null : problem.Count)
            .SetProperty(i => i.ProcessedAt, i => processed ? now : i.ProcessedAt), cancellationToken);
    }
}

/// <summary>A callback that names what it must not (see <see cref="IngestChecks"/>): kept, not used.</summary>
internal sealed class CallbackRefusedException(CallbackRefusal refusal)
    : Exception(StatusSentences.For(refusal.Problem, refusal.Detail, refusal.Count))
{
    public CallbackRefusal Refusal { get; } = refusal;
}
