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
            && !await OtherBackfillOpenQuery.For(db)(db, link.Id, request.Id, cancellationToken)
            && !await RecordedAsync(db, link.Id, NoticeEvent.HistoryComplete, cancellationToken))
        {
            link.Record(NoticeEvent.HistoryComplete, now);
        }
    }

    private static Task<bool> RecordedAsync(PortalDbContext db, int linkId, NoticeEvent notice, CancellationToken cancellationToken) =>
        RecordedQuery.For(db)(db, linkId, notice, cancellationToken);

    // Compiled once: they run with every completed request.
    private static readonly PerModel<Func<PortalDbContext, int, NoticeEvent, CancellationToken, Task<bool>>> RecordedQuery =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, int linkId, NoticeEvent notice, CancellationToken _) =>
            db.LinkNotices.Any(n => n.LinkId == linkId && n.Event == notice)));

    private static readonly PerModel<Func<PortalDbContext, int, int, CancellationToken, Task<bool>>> OtherBackfillOpenQuery =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, int linkId, int requestId, CancellationToken _) =>
            db.DataRequests.Any(r => r.LinkId == linkId && r.Id != requestId && r.Kind == RequestKind.Backfill
                && r.Status != RequestStatus.Complete && r.Status != RequestStatus.Cancelled)));
}
