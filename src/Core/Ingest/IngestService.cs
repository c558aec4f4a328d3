using System.Xml;
using GbcPortal.Core.Espi;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Utility;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GbcPortal.Core.Ingest;

/// <summary>
/// Turns one stored callback into readings and a finished request. Safe to run twice or to
/// die half-way: readings are upserted and every state change commits in the same transaction.
/// </summary>
public sealed class IngestService(
    IDbContextFactory<PortalDbContext> databases,
    IFeedSource feeds,
    IUsageStatusHandler statuses,
    IIngestProbe probe,
    TimeProvider time,
    ILogger<IngestService> logger)
{
    public const string MalformedReason = "malformed response";

    private readonly EspiReader _reader = new();

    public async Task<IngestResult> ProcessAsync(int inboxId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var inbox = await db.CallbackInbox.FirstOrDefaultAsync(c => c.Id == inboxId, cancellationToken)
            ?? throw new InvalidOperationException($"There is no stored callback {inboxId}.");
        if (inbox.State == InboxState.Processed)
            return new IngestResult(IngestOutcome.AlreadyProcessed);

        var request = await db.DataRequests.Include(r => r.Link)
            .FirstOrDefaultAsync(r => r.Id == inbox.DataRequestId, cancellationToken);
        if (request?.Link is not { Status: not LinkStatus.Unlinked } link)
        {
            MarkInbox(inbox, InboxState.Processed, "the request or its link no longer exists; nothing stored");
            await db.SaveChangesAsync(cancellationToken);
            return new IngestResult(IngestOutcome.Ignored);
        }

        inbox.Attempts++;
        inbox.State = InboxState.Processing;
        await db.SaveChangesAsync(cancellationToken);

        IReadOnlyList<EspiDocument> documents;
        try
        {
            if (CallbackBody.Classify(inbox.Body) == CallbackBodyKind.Status)
                return await ApplyStatusAsync(db, inbox, request, UsageRequestStatus.Parse(inbox.Body), cancellationToken);
            documents = await ReadAsync(inbox.Body, cancellationToken); // anything else: the reader says what is wrong
        }
        catch (Exception ex) when (ex is EspiFormatException or GbcMessageException or XmlException)
        {
            return await FailMalformedAsync(db, inbox, request, ex.Message, cancellationToken);
        }

        return await StoreAsync(db, inbox, request, link, documents, cancellationToken);
    }

    /// <summary>Runs a stored callback again (after a parser fix, say), whatever became of it before.</summary>
    public async Task<IngestResult> ReplayAsync(int inboxId, CancellationToken cancellationToken = default)
    {
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var updated = await db.CallbackInbox.Where(c => c.Id == inboxId)
                .ExecuteUpdateAsync(c => c.SetProperty(i => i.State, InboxState.Received).SetProperty(i => i.Error, (string?)null),
                    cancellationToken);
            if (updated == 0)
                throw new InvalidOperationException($"There is no stored callback {inboxId}.");
        }
        logger.LogInformation("Replaying callback {InboxId}", inboxId);
        return await ProcessAsync(inboxId, cancellationToken);
    }

    private async Task<IReadOnlyList<EspiDocument>> ReadAsync(byte[] body, CancellationToken cancellationToken)
    {
        var document = _reader.Read(new MemoryStream(body, writable: false));
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

    private async Task<IngestResult> StoreAsync(PortalDbContext db, CallbackInbox inbox, DataRequest request,
        ServiceLink link, IReadOnlyList<EspiDocument> documents, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await ReadingBatch.BuildAsync(db, link, documents, cancellationToken);
        await ReadingUpserter.UpsertAsync(db, batch.Rows, cancellationToken);
        probe.ReadingsWritten(inbox.Id, batch.Rows.Count);

        var now = time.GetUtcNow();
        if (request.Status != RequestStatus.Complete)
        {
            request.Status = RequestStatus.Complete;
            request.CompletedAt = now;
            request.StatusChangedAt = now;
            request.OutcomeReason = null;
        }
        request.ReadingsStored = batch.Rows.Count;
        request.ReadingsSkipped = batch.Skipped;
        ReadingBatch.UpdateLink(link, request, batch, now);
        MarkInbox(inbox, InboxState.Processed, null);
        inbox.ProcessedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Callback {InboxId}: {Stored} readings stored, {Skipped} skipped, request {RequestId} complete",
            inbox.Id, batch.Rows.Count, batch.Skipped, request.Id);
        await statuses.NotifyAsync(request.Id, cancellationToken);
        return new IngestResult(IngestOutcome.Stored, batch.Rows.Count, batch.Skipped);
    }

    private async Task<IngestResult> ApplyStatusAsync(PortalDbContext db, CallbackInbox inbox, DataRequest request,
        UsageRequestStatus status, CancellationToken cancellationToken)
    {
        // The same handling as the synchronous answer with this reason (see gbc-protocol.md).
        await statuses.ApplyAsync(request.Id, status, cancellationToken);
        MarkInbox(inbox, InboxState.Processed, null);
        inbox.ProcessedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Callback {InboxId}: request {RequestId} answered {Status} {Reason}",
            inbox.Id, request.Id, status.Status, status.Reason);
        return new IngestResult(IngestOutcome.StatusApplied);
    }

    private async Task<IngestResult> FailMalformedAsync(PortalDbContext db, CallbackInbox inbox, DataRequest request,
        string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        MarkInbox(inbox, InboxState.Failed, error);
        // A bad duplicate of a delivery we already stored does not undo it.
        if (request.Status != RequestStatus.Complete)
        {
            request.Status = RequestStatus.Failed;
            request.FailedAt = now;
            request.StatusChangedAt = now;
            request.OutcomeReason = MalformedReason;
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Callback {InboxId} for request {RequestId} is malformed: {Error}", inbox.Id, request.Id, error);
        await statuses.NotifyAsync(request.Id, cancellationToken);
        return new IngestResult(IngestOutcome.Malformed, Error: error);
    }

    private static void MarkInbox(CallbackInbox inbox, InboxState state, string? error)
    {
        inbox.State = state;
        inbox.Error = error;
    }
}
