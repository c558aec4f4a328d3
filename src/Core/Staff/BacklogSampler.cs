using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Staff;

/// <summary>Writes the queue's size now (run by a recurring job) and forgets samples past what the chart shows.</summary>
public sealed class BacklogSampler(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time)
{
    /// <summary>A day more than the chart's seven, so its left edge never starts bare.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(8);

    public async Task<BacklogSample> RecordAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.DataRequests.Where(r => r.Status == RequestStatus.Pending || r.Status == RequestStatus.Submitted)
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var sample = new BacklogSample
        {
            At = now,
            Pending = counts.SingleOrDefault(c => c.Key == RequestStatus.Pending)?.Count ?? 0,
            Submitted = counts.SingleOrDefault(c => c.Key == RequestStatus.Submitted)?.Count ?? 0,
        };
        db.BacklogSamples.Add(sample);
        await db.SaveChangesAsync(cancellationToken);
        var cutoff = now - Retention;
        await db.BacklogSamples.Where(s => s.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        return sample;
    }
}
