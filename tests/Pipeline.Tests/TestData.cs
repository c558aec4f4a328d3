using System.Reflection;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Pipeline.Tests;

/// <summary>Rows a test needs before a callback can arrive: a customer, a link and a request we sent.</summary>
public static class TestData
{
    public static string SharedFile(params string[] parts) => RepositoryFile(["..", "shared", .. parts]);

    /// <summary>A file of the repository (or, through "..", beside it): the build records where the repository is.</summary>
    public static string RepositoryFile(params string[] parts)
    {
        var root = typeof(TestData).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
        return Path.GetFullPath(Path.Combine([root, .. parts]));
    }

    public static string Sample(string name) => SharedFile("espi", "samples", name);

    public static async Task<DataRequest> SentRequestAsync(IDbContextFactory<PortalDbContext> databases,
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
        var request = new DataRequest
        {
            Link = link,
            RequestId = Guid.NewGuid(),
            WindowStart = windowStart,
            WindowEnd = windowEnd,
            Kind = kind,
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

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
                return value;
            await Task.Delay(100);
        }
    }
}
