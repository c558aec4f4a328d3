using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Notifications;

/// <summary>
/// The events a completed request may bring, recorded with the completion: the first data (the first completed
/// request that stored readings) and the whole history (every Backfill of the link Complete).
/// </summary>
internal static class CompletionNotices
{
    public static async Task RecordAsync(PortalDbContext db, ServiceLink link, DataRequest request, RequestCompletion completion,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (completion.ReadingsStored > 0 && !await RecordedAsync(db, link.Id, NoticeEvent.FirstData, cancellationToken))
        {
            link.Record(NoticeEvent.FirstData, now);
        }

        if (request.Kind == RequestKind.Backfill
            && !await db.DataRequests.AnyAsync(r => r.LinkId == link.Id && r.Id != request.Id && r.Kind == RequestKind.Backfill
                && r.Status != RequestStatus.Complete && r.Status != RequestStatus.Cancelled, cancellationToken)
            && !await RecordedAsync(db, link.Id, NoticeEvent.HistoryComplete, cancellationToken))
        {
            link.Record(NoticeEvent.HistoryComplete, now);
        }
    }

    private static Task<bool> RecordedAsync(PortalDbContext db, int linkId, NoticeEvent notice, CancellationToken cancellationToken) =>
        db.LinkNotices.AnyAsync(n => n.LinkId == linkId && n.Event == notice, cancellationToken);
}
