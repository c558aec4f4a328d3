using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Benchmarks.Ingest;

/// <summary>The rows an ingest needs: a customer, a link, a request we sent, and its stored callback.</summary>
internal static class IngestBenchData
{
    public static async Task<DataRequest> SentRequestAsync(IDbContextFactory<PortalDbContext> databases)
    {
        await using var db = await databases.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var user = new PortalUser { UserName = "bench@example.test", Email = "bench@example.test" };
        db.Users.Add(user);
        var link = new ServiceLink { OwnerId = user.Id, ServiceId = "4820183311", CreatedAt = now, StatusChangedAt = now };
        var request = new DataRequest
        {
            Link = link,
            RequestId = Guid.NewGuid(),
            WindowStart = now.AddDays(-IngestBenchmarks.Days),
            WindowEnd = now,
            Kind = RequestKind.Backfill,
            Status = RequestStatus.Submitted,
            Attempts = 1,
            CreatedAt = now,
            SubmittedAt = now,
            StatusChangedAt = now,
            NotBefore = now,
        };
        db.DataRequests.Add(request);
        await db.SaveChangesAsync();
        return request;
    }

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
