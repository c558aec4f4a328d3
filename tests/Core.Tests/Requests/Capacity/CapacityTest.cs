using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Requests.Capacity;

/// <summary>
/// A <see cref="PipelineTest"/> with the dispatch settings of the test (a small rate makes a night of a few requests)
/// and helpers to seed active links and run the dispatcher through virtual time, completing what the utility accepts.
/// Off-peak is 18:00-06:00 PST, i.e. 02:00-14:00 UTC, in late November 2025.
/// </summary>
public abstract class CapacityTest : PipelineTest
{
    private int seeded;

    protected static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso + "Z", System.Globalization.CultureInfo.InvariantCulture);

    protected Pipeline UsePipeline(DispatchOptions dispatch) => Pipeline = new Pipeline(Database.Factory, Time, Utility, dispatch: dispatch);

    /// <summary>
    /// Active links whose newest stored reading ended at each given instant; returns their ids in that order. Their
    /// Service IDs count up from 3000000000 across calls.
    /// </summary>
    protected async Task<List<int>> SeedActiveAsync(params DateTimeOffset[] lastReadings)
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        var first = seeded;
        seeded += lastReadings.Length;
        var links = lastReadings.Select((last, i) => new ServiceLink
        {
            OwnerId = Owner,
            ServiceId = (3_000_000_000L + first + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ProtectedPin = Pipeline.Pins.Protect("1234"),
            Status = LinkStatus.Active,
            LastCompleteReadingAt = last,
            CreatedAt = Time.GetUtcNow(),
            StatusChangedAt = Time.GetUtcNow(),
        }).ToList();
        db.ServiceLinks.AddRange(links);
        await db.SaveChangesAsync();
        return links.Select(l => l.Id).ToList();
    }

    protected async Task<List<DataRequest>> RefreshesAsync()
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        return await db.DataRequests.Where(r => r.Kind == RequestKind.Refresh).OrderBy(r => r.NotBefore).ThenBy(r => r.Id).ToListAsync();
    }

    /// <summary>
    /// Dispatches at every instant the dispatcher asks for until <paramref name="until"/>; each accepted refresh is
    /// completed at once and its link's newest reading moves to the previous local midnight (what the utility holds).
    /// </summary>
    protected async Task RunDispatchUntilAsync(DateTimeOffset until)
    {
        var pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        while (Time.GetUtcNow() < until)
        {
            var result = await Pipeline.Dispatcher.DispatchAsync();
            await using (var db = await Database.Factory.CreateDbContextAsync())
            {
                var answered = await db.DataRequests.Include(r => r.Link).Where(r => r.Status == RequestStatus.Submitted).ToListAsync();
                foreach (var request in answered)
                {
                    request.MoveTo(RequestStatus.Complete, Time.GetUtcNow(), null);
                    request.Link!.LastCompleteReadingAt = LocalClock.StartOfLocalDay(Time.GetUtcNow(), pacific);
                }

                await db.SaveChangesAsync();
            }

            var next = result.NextRunAt ?? until;
            if (next <= Time.GetUtcNow())
            {
                Assert.True(result.Sent > 0, $"dispatch spins at {Time.GetUtcNow():O}");
                continue;
            }

            Time.SetUtcNow(next < until ? next : until);
        }
    }
}
