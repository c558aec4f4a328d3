using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Ingest;

/// <summary>
/// Keeps callback bodies from growing for ever: compresses ingested bodies the ingest left as received
/// (a failure then, or callbacks ingested before compression existed), and deletes the bodies of callbacks
/// ingested more than <c>Ingest:BodyRetentionDays</c> ago, keeping the inbox row and its metadata. Callbacks
/// that are not ingested (Failed, NotIngested, still waiting) keep their body until a replay ingests them.
/// Works in batches of <c>Ingest:BodyBatchSize</c>, one short transaction each; idempotent.
/// </summary>
public sealed class CallbackBodyRetention(
    IDbContextFactory<PortalDbContext> databases,
    TimeProvider time,
    IOptions<IngestOptions> options,
    ILogger<CallbackBodyRetention> logger)
{
    public async Task<BodyRetentionResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.BodyRetentionDays);
        var batchSize = options.Value.BodyBatchSize;
        var (compressed, saved, deleted) = (0, 0L, 0);

        for (var after = 0; ;)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var ids = await db.CallbackInbox.AsNoTracking()
                .Where(c => c.Id > after && c.State == InboxState.Processed && c.BodyEncoding == CallbackBodyEncoding.Identity
                    && c.BodyDeletedAt == null && c.ProcessedAt >= cutoff)
                .OrderBy(c => c.Id).Select(c => c.Id).Take(batchSize).ToListAsync(cancellationToken);
            foreach (var id in ids)
            {
                var bytes = await StoredCallbackBody.CompressAsync(db, id, cancellationToken);
                (compressed, saved) = bytes > 0 ? (compressed + 1, saved + bytes) : (compressed, saved);
            }
            await StoredCallbackBody.ReleaseFreePagesAsync(db, cancellationToken);
            if (ids.Count < batchSize)
                break;
            after = ids[^1];
        }

        while (true)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ids = await db.CallbackInbox.AsNoTracking()
                .Where(c => c.State == InboxState.Processed && c.BodyDeletedAt == null && c.ProcessedAt < cutoff)
                .OrderBy(c => c.Id).Select(c => c.Id).Take(batchSize).ToListAsync(cancellationToken);
            foreach (var id in ids)
            {
                // An empty body, not a deleted row: EF reads an inbox row together with its body row.
                await db.Database.ExecuteSqlAsync($"""UPDATE "CallbackBodies" SET "Body" = {Array.Empty<byte>()} WHERE "Id" = {id}""", cancellationToken);
                await db.Database.ExecuteSqlAsync($"""UPDATE "CallbackInbox" SET "BodyDeletedAt" = {now.UtcTicks} WHERE "Id" = {id}""", cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            deleted += ids.Count;
            await StoredCallbackBody.ReleaseFreePagesAsync(db, cancellationToken);
            if (ids.Count < batchSize)
                break;
        }

        if (compressed + deleted > 0)
            logger.LogInformation("Callback bodies: {Compressed} compressed ({SavedBytes} bytes saved), {Deleted} deleted past {Days} days",
                compressed, saved, deleted, options.Value.BodyRetentionDays);
        return new BodyRetentionResult(compressed, saved, deleted);
    }
}

/// <summary>What one <see cref="CallbackBodyRetention"/> run did.</summary>
public sealed record BodyRetentionResult(int Compressed, long BytesSaved, int Deleted);
