using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Usage;

/// <summary>The read side of the pipeline: a customer's service cards and the staff overview.</summary>
public sealed class StatusQueries(
    IDbContextFactory<PortalDbContext> dbFactory,
    RateBudget budget,
    BacklogForecast forecast,
    IOptions<DispatchOptions> dispatch,
    IOptions<LinkingOptions> linking,
    TimeProvider time)
{
    private const int ListLimit = 25;

    private const int TopAccounts = 5;

    /// <summary>
    /// Sends in the last hour and day (every budget slot, resends included), by kind, and the accounts whose links
    /// sent the most, with their live links and limit.
    /// </summary>
    public async Task<StaffTraffic> GetTrafficAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var (hourAgo, dayAgo) = (now.AddHours(-1), now.AddDays(-1));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The slot carries its request's kind and owner (IX_RateSlots_Traffic): a day of sends without a join.
        var sent = db.RateSlots.Where(s => s.TakenAt >= dayAgo && s.Kind != null && s.OwnerId != null);
        var byKind = await sent.GroupBy(s => s.Kind!.Value)
            .Select(g => new KindTraffic(g.Key, g.Count(s => s.TakenAt >= hourAgo), g.Count()))
            .ToListAsync(ct);
        var top = await sent.GroupBy(s => s.OwnerId!)
            .Select(g => new { OwnerId = g.Key, Hour = g.Count(s => s.TakenAt >= hourAgo), Day = g.Count() })
            .OrderByDescending(a => a.Day).Take(TopAccounts)
            .ToListAsync(ct);
        var owners = top.Select(a => a.OwnerId).ToList();
        var users = await db.Users.Where(u => owners.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.MaxLiveLinks }).ToDictionaryAsync(u => u.Id, ct);
        var live = await db.ServiceLinks.Where(l => owners.Contains(l.OwnerId) && (l.Status == LinkStatus.Pending
                || l.Status == LinkStatus.Active || l.Status == LinkStatus.PinNotAccepted || l.Status == LinkStatus.AccessRevoked))
            .GroupBy(l => l.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return new StaffTraffic(byKind, top.Select(a => new AccountTraffic(a.OwnerId, users.GetValueOrDefault(a.OwnerId)?.Email, a.Hour, a.Day,
            live.GetValueOrDefault(a.OwnerId), users.GetValueOrDefault(a.OwnerId)?.MaxLiveLinks ?? linking.Value.MaxLiveLinksPerAccount)).ToList());
    }

    /// <summary>The owner's services that are not unlinked, newest first.</summary>
    public async Task<IReadOnlyList<ServiceCard>> GetServicesAsync(string ownerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var links = await db.ServiceLinks.AsNoTracking()
            .Where(l => l.OwnerId == ownerId && l.Status != LinkStatus.Unlinked)
            .OrderByDescending(l => l.CreatedAt)
            .Select(l => new
            {
                l.Id,
                l.ServiceId,
                l.Status,
                l.StatusReason,
                l.StatusChangedAt,
                l.CoveredFrom,
                l.CoveredTo,
                l.NeedsReview,
                l.ReviewReason,
                l.SharedNoticeAt,
                l.TimeZoneId,
                l.ReplacesLinkId,
                Requests = l.Requests.Where(r => r.Status != RequestStatus.Cancelled)
                    .Select(r => new { r.Kind, r.Status, r.OutcomeReason, r.WindowStart, r.WindowEnd, r.StatusChangedAt }).ToList(),
            })
            .ToListAsync(ct);

        var now = time.GetUtcNow();
        var serviceIds = links.Select(l => l.ServiceId).ToList();
        // Replacements are the same owner's links (LinkService checks), unlinked ones included.
        var names = await db.ServiceLinks.AsNoTracking().Where(l => l.OwnerId == ownerId)
            .Select(l => new { l.Id, l.ServiceId, l.ReplacesLinkId }).ToListAsync(ct);
        var holds = await db.LinkHolds.AsNoTracking().Where(h => h.LiftedAt == null && h.Until > now
                && ((h.Scope == HoldScope.Account && h.OwnerId == ownerId) || (h.Scope == HoldScope.ServiceId && serviceIds.Contains(h.ServiceId!))))
            .ToListAsync(ct);
        return links.Select(l =>
        {
            var (status, reason) = l.NeedsReview && l.Status is LinkStatus.Pending or LinkStatus.Active
                ? (ServiceStatus.UnderReview, null)
                : ServiceStatusRules.Describe(l.Status, l.StatusReason, l.Requests.Select(r => (r.Status, r.OutcomeReason)).ToList());
            var notice = l.SharedNoticeAt is { } shared ? LinkMessages.SharedNotice(shared, l.TimeZoneId) : null;
            if (status is ServiceStatus.PinNotAccepted or ServiceStatus.AccessRevoked or ServiceStatus.Rejected
                && holds.Where(h => h.Scope == HoldScope.Account || h.ServiceId == l.ServiceId).MaxBy(h => h.Until) is { } hold)
            {
                notice = hold.Scope == HoldScope.Account
                    ? LinkMessages.AccountHeldUntil(hold.Until, l.TimeZoneId)
                    : LinkMessages.HeldUntil(hold.Until, l.TimeZoneId);
            }

            var lastChange = l.Requests.Select(r => r.StatusChangedAt).Append(l.StatusChangedAt).Max();
            var chunks = l.Requests.Where(r => r.Kind != RequestKind.Refresh)
                .OrderByDescending(r => r.WindowStart)
                .Select(r => new CoverageChunk(r.WindowStart, r.WindowEnd, r.Kind, r.Status))
                .ToList();
            return new ServiceCard(l.Id, l.ServiceId, l.Status, status, reason, lastChange, l.CoveredFrom, l.CoveredTo, chunks, notice)
            {
                ReviewReason = status == ServiceStatus.UnderReview ? l.ReviewReason : null,
                ReplacesServiceId = names.FirstOrDefault(n => n.Id == l.ReplacesLinkId)?.ServiceId,
                ReplacedByServiceId = names.Where(n => n.ReplacesLinkId == l.Id).MaxBy(n => n.Id)?.ServiceId,
            };
        }).ToList();
    }

    public async Task<ServiceCard?> GetServiceAsync(string ownerId, string serviceId, CancellationToken ct = default) =>
        (await GetServicesAsync(ownerId, ct)).FirstOrDefault(c => c.ServiceId == serviceId);

    public async Task<StaffOverview> GetStaffOverviewAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var settings = dispatch.Value;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Counts by status, and by kind so the forecast knows which Pending wait for off-peak, from the (Status, Kind)
        // index alone, for the statuses that stay small. Complete is most of the table and grows for ever: staff see how
        // many completed in the last day (IX_DataRequests_Completed), which says whether the pipeline works; a count of
        // them all said nothing more and cost a read of every row on PostgreSQL (37 ms at 200,000 requests).
        var counts = (await db.DataRequests
            .Where(r => new[] { RequestStatus.Pending, RequestStatus.Submitted, RequestStatus.Failed, RequestStatus.Paused, RequestStatus.Cancelled }
                .Contains(r.Status))
            .GroupBy(r => new { r.Status, r.Kind })
            .Select(g => new { g.Key.Status, g.Key.Kind, Count = g.Count() })
            .ToListAsync(ct)).Select(c => new { c.Status, IsRefresh = c.Kind == RequestKind.Refresh, c.Count }).ToList();
        var byStatus = counts.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var completedSince = now - StaffOverview.CompletedWithin;
        var complete = await db.DataRequests.CountAsync(r => r.Status == RequestStatus.Complete && r.CompletedAt >= completedSince, ct);
        if (complete > 0)
        {
            byStatus[RequestStatus.Complete] = complete;
        }

        var budgetStatus = await budget.GetStatusAsync(now.AddHours(-1), ct);
        var backlog = byStatus.TryGetValue(RequestStatus.Pending, out var pending) ? pending : 0;
        var refreshBacklog = counts.Where(c => c.Status == RequestStatus.Pending && c.IsRefresh).Sum(c => c.Count);
        var control = await db.DispatchControl.AsNoTracking().SingleOrDefaultAsync(ct);
        // Paused, nothing drains; held after a 429/503, sending starts when the hold ends.
        DateTimeOffset? drainsAt = control?.Paused == true ? null
            : forecast.LastSendAt(control?.HoldUntil > now ? control.HoldUntil.Value : now, backlog - refreshBacklog, refreshBacklog, budgetStatus.Limit);

        var overdueBefore = now - TimeSpan.FromHours(settings.CallbackTimeoutHours);
        var overdue = await Rows(db.DataRequests.Where(r => r.Status == RequestStatus.Submitted && r.SubmittedAt < overdueBefore)
            .OrderBy(r => r.SubmittedAt), ct);
        var failures = await Rows(db.DataRequests.Where(r => r.Status == RequestStatus.Failed)
            .OrderByDescending(r => r.FailedAt), ct);
        var failedIngests = await db.CallbackInbox.AsNoTracking()
            .Where(c => c.State == InboxState.Failed || c.State == InboxState.NotIngested)
            .OrderByDescending(c => c.ReceivedAt)
            .Take(ListLimit)
            .Select(c => new StaffInboxRow(c.Id, c.RequestId, c.DataRequestId, c.ReceivedAt, c.Problem, c.Detail, c.Count, c.Attempts))
            .ToListAsync(ct);

        return new StaffOverview(now, byStatus, budgetStatus, backlog, refreshBacklog, drainsAt, control?.Paused ?? false,
            StatusSentences.Paused(control), control?.HoldUntil > now ? control.HoldUntil : null, StatusSentences.Alert(control), overdue, failures, failedIngests);
    }

    private static Task<List<StaffRequestRow>> Rows(IQueryable<DataRequest> requests, CancellationToken ct) =>
        requests.AsNoTracking().Take(ListLimit)
            .Select(r => new StaffRequestRow(r.Id, r.Link!.ServiceId, r.Kind, r.Status, r.WindowStart, r.WindowEnd, r.Attempts,
                r.OutcomeReason, r.UtilityMessage, r.StatusChangedAt, r.SubmittedAt))
            .ToListAsync(ct);
}
