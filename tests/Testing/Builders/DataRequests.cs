using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Testing;

/// <summary>
/// Requests as tests and benchmarks start from, written with the real model: one in memory, one we
/// sent (with its customer and link, stored), and a callback stored for it as the endpoint stores one.
/// </summary>
public static class DataRequests
{
    /// <summary>A request in <paramref name="status"/> made at <paramref name="now"/>; by default for the 30 days before it.</summary>
    public static DataRequest New(RequestStatus status, DateTimeOffset now, RequestKind kind = RequestKind.Backfill,
        DateTimeOffset? windowStart = null, DateTimeOffset? windowEnd = null, ReasonCode? reason = null, string? utilityMessage = null) => new()
    {
        RequestId = Guid.NewGuid(), Kind = kind, Status = status, OutcomeReason = reason, UtilityMessage = utilityMessage,
        WindowStart = windowStart ?? now.AddDays(-30), WindowEnd = windowEnd ?? now.AddDays(-1),
        CreatedAt = now, StatusChangedAt = now, NotBefore = now,
        SubmittedAt = status == RequestStatus.Submitted ? now : null,
        FailedAt = status == RequestStatus.Failed ? now : null,
    };

    /// <summary>
    /// The rows a callback needs before it can arrive: a new customer, a Pending link of
    /// <paramref name="serviceId"/> and a request for the window, submitted once just now.
    /// </summary>
    public static async Task<DataRequest> SentAsync(IDbContextFactory<PortalDbContext> databases,
        string serviceId, DateTimeOffset windowStart, DateTimeOffset windowEnd, RequestKind kind = RequestKind.Backfill)
    {
        await using var db = await databases.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var user = new PortalUser { UserName = $"{serviceId}-{Guid.NewGuid():N}@example.test", Email = $"{serviceId}@example.test" };
        db.Users.Add(user);
        var link = new ServiceLink
        {
            OwnerId = user.Id,
            ServiceId = serviceId,
            Status = LinkStatus.Pending,
            CreatedAt = now,
            StatusChangedAt = now,
        };
        db.ServiceLinks.Add(link);
        var request = New(RequestStatus.Submitted, now, kind, windowStart, windowEnd);
        request.Link = link;
        request.Attempts = 1;
        db.DataRequests.Add(request);
        await db.SaveChangesAsync();
        return request;
    }

    /// <summary>A callback body stored for <paramref name="request"/> as the endpoint stores it (Received); returns its inbox id.</summary>
    public static async Task<int> StoreCallbackAsync(IDbContextFactory<PortalDbContext> databases, DataRequest request, byte[] body)
    {
        await using var db = await databases.CreateDbContextAsync();
        var inbox = new CallbackInbox
        {
            DataRequestId = request.Id,
            RequestId = request.RequestId,
            Body = body,
            ReceivedAt = DateTimeOffset.UtcNow,
            State = InboxState.Received,
        };
        db.CallbackInbox.Add(inbox);
        await db.SaveChangesAsync();
        return inbox.Id;
    }
}
