using System.Globalization;
using GbcPortal.Core.Audit;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Staff;

/// <summary>
/// What staff do from a service's page, each audited: retry a request (the same retry as on <c>/staff</c>) and ask
/// for a window again (a new request through the planner and the queue, dispatched like any other).
/// </summary>
public sealed class StaffServiceActions(
    IDbContextFactory<PortalDbContext> dbFactory,
    DispatchControlService dispatch,
    RequestPlanner planner,
    RequestStatusNotifier notifier,
    AuditLog audit,
    TimeProvider time,
    IOptions<PlanningOptions> planning,
    IOptions<UtilityTimeZoneOptions> utility)
{
    public async Task<StaffActionResult> RetryAsync(int linkId, int requestId, string staffId, string? ip, CancellationToken cancellationToken = default)
    {
        var serviceId = await ServiceIdOfRequestAsync(linkId, requestId, cancellationToken);
        if (serviceId is null)
        {
            return new StaffActionResult(false, $"Request {requestId} is not a request of this service.");
        }

        if (!await dispatch.RetryRequestAsync(requestId, cancellationToken))
        {
            return new StaffActionResult(false, $"Request {requestId} cannot be retried (it is not failed or paused, or its link is not live).");
        }

        await audit.RecordAsync(AuditAction.RequestRetried, staffId, null, serviceId, ip, $"Request {requestId}.", cancellationToken);
        return new StaffActionResult(true, $"Request {requestId} is pending again.", requestId);
    }

    /// <summary>
    /// Queues one request for the local days <paramref name="from"/> to <paramref name="to"/> (both included) in the
    /// service's zone. Refused, with the reason, beyond the utility's 185 days, after today, or for a link not sent for.
    /// </summary>
    public async Task<StaffActionResult> RequestWindowAsync(int linkId, DateOnly from, DateOnly to, string staffId, string? ip,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ServiceLinks.SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        if (link is null)
        {
            return new StaffActionResult(false, "There is no such service.");
        }

        if (link.Status is not (LinkStatus.Pending or LinkStatus.Active))
        {
            return new StaffActionResult(false, $"Service ID {link.ServiceId} is {link.Status}: requests are sent only for Pending or Active links.");
        }

        var zone = utility.Value.ZoneOf(link.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).Date);
        if (to < from)
        {
            return new StaffActionResult(false, "The window ends before it starts: pick a To date on or after the From date.");
        }

        if (to > today)
        {
            return new StaffActionResult(false, $"The window cannot end after today ({Day(today)}): the utility has no data for days to come.");
        }

        var start = LocalClock.ToUtc(from.ToDateTime(TimeOnly.MinValue), zone);
        var end = LocalClock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        if (planner.PlanWindow(start, end) is not { } window)
        {
            var max = planning.Value.MaxWindowDays;
            return new StaffActionResult(false, $"The window is {Length(end - start)}; the utility accepts at most {max} days "
                + $"({max * 86_400:N0} seconds) a request. Ask for it in parts.");
        }

        var request = window.ToRequest(link.Id, now);
        db.DataRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditAction.WindowRequested, staffId, link.OwnerId, link.ServiceId, ip,
            $"Request {request.Id}: {Day(from)} to {Day(to)} ({link.TimeZoneId}).", cancellationToken);
        notifier.Notify(new RequestStatusChange(link.Id, request.Id)); // wakes the dispatcher, as a new link does
        return new StaffActionResult(true, $"Request {request.Id} for {Day(from)} to {Day(to)} is queued.", request.Id);
    }

    private async Task<string?> ServiceIdOfRequestAsync(int linkId, int requestId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DataRequests.Where(r => r.Id == requestId && r.LinkId == linkId).Select(r => r.Link!.ServiceId)
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Length(TimeSpan span) =>
        span.Hours == 0 ? $"{span.Days} days" : $"{span.Days} days and {span.Hours} hour{(span.Hours == 1 ? "" : "s")}";
}

/// <summary>What a staff action did, in a sentence for the page.</summary>
public sealed record StaffActionResult(bool Done, string Message, int? RequestId = null);
