using GbcPortal.Core.Espi;
using GbcPortal.Core.Espi.Inspection;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Upload;

/// <summary>
/// A Green Button file a customer uploads: read whole and described (the same figures as
/// <c>gbc espi inspect</c>) before anything is written, then its electricity readings upserted by
/// the ingest's own keys, either into one of the customer's linked Service IDs (so a later
/// callback for the same hours neither duplicates nor loses a reading) or into a file-only service.
/// </summary>
public sealed class UploadService(
    IDbContextFactory<PortalDbContext> databases, TimeProvider time, ILogger<UploadService> logger, IOptions<UtilityTimeZoneOptions>? utility = null)
{
    private UtilityTimeZoneOptions Utility => utility?.Value ?? new UtilityTimeZoneOptions();

    /// <summary>The largest file accepted: five years of 15-minute data with room to spare.</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    public const string FileServicePrefix = "file-";

    private const int UploadCacheKib = 64 * 1024;

    private static readonly EspiReader Reader = new(new EspiReaderOptions { MaxBytes = MaxBytes });

    /// <summary>The owner's linked Service IDs a file may be added to (not unlinked, refused by staff or file-only).</summary>
    public async Task<IReadOnlyList<UploadTarget>> TargetsAsync(string ownerId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.ServiceLinks.AsNoTracking()
            .Where(l => l.OwnerId == ownerId && l.Status != LinkStatus.Unlinked && l.Status != LinkStatus.Refused && l.Status != LinkStatus.FileOnly)
            .OrderBy(l => l.ServiceId)
            .Select(l => new UploadTarget(l.Id, l.ServiceId))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Reads <paramref name="feed"/> (seekable or not; read synchronously) and stores what it holds.
    /// <paramref name="linkId"/> names the owner's link to add to; null keeps the file as a service of its own.
    /// </summary>
    public async Task<UploadResult> ImportAsync(string ownerId, string fileName, Stream feed, int? linkId, CancellationToken ct = default)
    {
        EspiDocument document;
        try
        {
            document = Reader.Read(feed);
        }
        catch (EspiFormatException e)
        {
            logger.LogInformation("Upload refused: {Error}", e.Message);
            return UploadResult.Refused($"This is not a Green Button file we can read: {e.Message}");
        }
        if (document.IsBatchList)
            return UploadResult.Refused("This is a Green Button notification that only lists where data can be fetched; it holds no usage. Upload the file you downloaded from your utility.");
        if (document.Series.Count == 0)
            return UploadResult.Refused("This Green Button file holds no interval readings.");

        var report = InspectReportBuilder.Build(fileName, document);
        var electric = document.Series.Where(ElectricityFilter.Keeps).ToList();
        if (electric.Count == 0)
            return new UploadResult(UploadOutcome.NothingToStore, "Nothing in this file is electricity usage, so there is nothing to chart.", report);
        var meters = electric.Select(s => s.UsagePoint.Id).Distinct(StringComparer.Ordinal).Count();
        if (meters > 1)
            return new UploadResult(UploadOutcome.Refused,
                $"This file holds electricity usage for {meters} meters. Download a file for one meter (one Service ID) at a time and upload each.", report);

        await using var db = await databases.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var link = linkId is { } id
            ? await db.ServiceLinks.FirstOrDefaultAsync(l => l.Id == id && l.OwnerId == ownerId
                && l.Status != LinkStatus.Unlinked && l.Status != LinkStatus.Refused && l.Status != LinkStatus.FileOnly, ct)
            : await NewFileServiceAsync(db, ownerId, document, ct);
        if (link is null)
            return UploadResult.Refused("That Service ID is not linked to your account.");

        // Years of readings dirty more B-tree pages than SQLite's default 2 MB cache holds, and a full
        // cache spills pages to the WAL mid-transaction, only to dirty them again: a larger cache for
        // this one transaction halves the upsert. The pooled connection gets its default back.
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
            await db.Database.ExecuteSqlRawAsync($"PRAGMA cache_size = -{UploadCacheKib}", ct);
        ReadingBatch batch;
        try
        {
            batch = await ReadingBatch.BuildAsync(db, link, [document], ct);
            await ReadingUpserter.UpsertAsync(db, batch.Rows, ct);
        }
        finally
        {
            if (sqlite)
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", CancellationToken.None);
        }
        if (link.Status == LinkStatus.FileOnly)
            Cover(link, batch);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Upload stored {Stored} readings ({Skipped} skipped) into link {LinkId}", batch.Rows.Count, batch.Skipped, link.Id);
        var lastDay = batch.LatestEnd is { } end
            ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(end.AddSeconds(-1), Utility.ZoneOf(link.TimeZoneId)).DateTime)
            : (DateOnly?)null;
        return new UploadResult(UploadOutcome.Stored, null, report, link.ServiceId, batch.Rows.Count, batch.Skipped, lastDay);
    }

    /// <summary>Deletes one of the owner's file-only services with its readings; false when there is none.</summary>
    public async Task<bool> DeleteFileServiceAsync(string ownerId, int linkId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var deleted = await db.ServiceLinks
            .Where(l => l.Id == linkId && l.OwnerId == ownerId && l.Status == LinkStatus.FileOnly)
            .ExecuteDeleteAsync(ct);
        return deleted > 0;
    }

    private async Task<ServiceLink> NewFileServiceAsync(PortalDbContext db, string ownerId, EspiDocument document, CancellationToken ct)
    {
        var taken = await db.ServiceLinks.Where(l => l.OwnerId == ownerId && l.ServiceId.StartsWith(FileServicePrefix))
            .Select(l => l.ServiceId).ToListAsync(ct);
        var number = 1;
        while (taken.Contains(FileServicePrefix + number))
            number++;
        var now = time.GetUtcNow();
        var local = document.UsagePoints.Select(p => p.LocalTime).FirstOrDefault(t => t is not null);
        var link = new ServiceLink
        {
            OwnerId = ownerId,
            ServiceId = FileServicePrefix + number,
            Status = LinkStatus.FileOnly,
            StatusReason = ReasonCode.UploadedFile,
            TimeZoneId = LocalTimeZones.Guess(local, Utility.TimeZone),
            CreatedAt = now,
            StatusChangedAt = now,
        };
        db.ServiceLinks.Add(link);
        await db.SaveChangesAsync(ct); // its id keys the reading types and readings
        return link;
    }

    // A file-only service's coverage is what the file held: nothing else will ever arrive for it.
    private static void Cover(ServiceLink link, ReadingBatch batch)
    {
        if (batch.Rows.Count == 0)
            return;
        var from = DateTimeOffset.FromUnixTimeSeconds(batch.Rows.Min(r => r.Start));
        link.CoveredFrom = link.CoveredFrom is { } f && f < from ? f : from;
        link.CoveredTo = link.CoveredTo is { } t && t > batch.LatestEnd ? t : batch.LatestEnd;
        link.LastCompleteReadingAt = link.CoveredTo;
        if (batch.LocalTime is { } local)
        {
            (link.TzOffsetSeconds, link.DstOffsetSeconds) = (local.TzOffsetSeconds, local.DstOffsetSeconds);
            (link.DstStartRule, link.DstEndRule) = (local.DstStartRule, local.DstEndRule);
        }
    }
}
