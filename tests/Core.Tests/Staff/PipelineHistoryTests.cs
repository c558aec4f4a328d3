using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Staff;
using GbcPortal.Core.Tests.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Tests.Staff;

/// <summary>The staff charts' data: sends per hour from the budget's slots, the limit, the off-peak bands, the backlog's samples.</summary>
public sealed class PipelineHistoryTests : PipelineTest
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PipelineHistory History(DispatchOptions? options = null)
    {
        var dispatch = Options.Create(options ?? new DispatchOptions());
        return new PipelineHistory(Database.Factory, new OffPeakWindow(dispatch), dispatch, Time);
    }

    [Fact]
    public async Task Sends_AreCountedInTheirHourByKind_ReturnedSlotsAndOlderThanSevenDaysAreNot()
    {
        // The clock: 18:00 UTC on 26 November 2025.
        var now = Time.GetUtcNow();
        var (verify, backfill) = (await RequestAsync(RequestKind.Verify), await RequestAsync(RequestKind.Backfill));
        // Slots carry their request's kind, as the budget writes them; a slot taken for no request is "other".
        await using (var db = await Database.Factory.CreateDbContextAsync(Ct))
        {
            db.RateSlots.AddRange(
                new RateSlot { TakenAt = now.AddMinutes(-30), DataRequestId = verify, Kind = RequestKind.Verify },
                new RateSlot { TakenAt = now.AddMinutes(-30), DataRequestId = backfill, Kind = RequestKind.Backfill, ReturnedAt = now.AddMinutes(-29) },
                new RateSlot { TakenAt = now.AddMinutes(-90), DataRequestId = backfill, Kind = RequestKind.Backfill },
                new RateSlot { TakenAt = now.AddMinutes(-100), DataRequestId = backfill, Kind = RequestKind.Backfill },
                new RateSlot { TakenAt = now.AddMinutes(-100), DataRequestId = null },
                new RateSlot { TakenAt = now.AddDays(-7).AddMinutes(-1), DataRequestId = verify, Kind = RequestKind.Verify });
            await db.SaveChangesAsync(Ct);
        }

        var charts = await History().GetAsync(Ct);

        Assert.Equal(168, charts.Sends.Count);
        Assert.Equal(DateTimeOffset.Parse("2025-11-19T19:00:00Z"), charts.From);
        Assert.Equal(DateTimeOffset.Parse("2025-11-26T18:00:00Z"), charts.Sends[^1].Hour); // the current hour, last
        Assert.Equal(new HourlySends(DateTimeOffset.Parse("2025-11-26T17:00:00Z"), 1, 0, 0, 0), charts.Sends[^2]);
        Assert.Equal(new HourlySends(DateTimeOffset.Parse("2025-11-26T16:00:00Z"), 0, 2, 0, 1), charts.Sends[^3]);
        Assert.Equal(4, charts.Sends.Sum(s => s.Total));
    }

    /// <summary>The hours are counted in SQL over ticks: the same week of slots gives the same bars on both providers.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AWeekOfSlots_IsCountedByHourAndKind_TheSameOnBothProviders(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.CreateAsync(provider);
        var now = Time.GetUtcNow();
        var kinds = new RequestKind?[] { RequestKind.Verify, RequestKind.Backfill, RequestKind.Refresh, null };
        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            // One slot every 7 minutes for 8 days back, the kinds in turn; every fifth given back.
            for (var i = 0; i < 8 * 24 * 60 / 7; i++)
            {
                var at = now.AddMinutes(-7 * i);
                db.RateSlots.Add(new RateSlot { TakenAt = at, Kind = kinds[i % 4], ReturnedAt = i % 5 == 0 ? at : null });
            }

            await db.SaveChangesAsync(Ct);
        }

        var dispatch = Options.Create(new DispatchOptions());
        var charts = await new PipelineHistory(database.Factory, new OffPeakWindow(dispatch), dispatch, Time).GetAsync(Ct);

        var expected = Enumerable.Range(0, 8 * 24 * 60 / 7)
            .Where(i => i % 5 != 0 && now.AddMinutes(-7 * i) >= charts.From)
            .GroupBy(i => (now.AddMinutes(-7 * i).UtcTicks - charts.From.UtcTicks) / TimeSpan.TicksPerHour)
            .ToDictionary(g => g.Key, g => (Verify: g.Count(i => i % 4 == 0), Backfill: g.Count(i => i % 4 == 1),
                Refresh: g.Count(i => i % 4 == 2), Other: g.Count(i => i % 4 == 3)));
        Assert.Equal(168, charts.Sends.Count);
        for (var hour = 0; hour < charts.Sends.Count; hour++)
        {
            var (verify, backfill, refresh, other) = expected.GetValueOrDefault(hour);
            Assert.Equal(new HourlySends(charts.From.AddHours(hour), verify, backfill, refresh, other), charts.Sends[hour]);
        }

        Assert.True(charts.Sends.Sum(s => s.Total) > 1000);
    }

    /// <summary>
    /// An hour an hour past its end no longer changes (claims and sends time out in minutes), so one instance counts it
    /// once and reads only the newer hours again; the newer ones follow every change, and the week moves on with the clock.
    /// </summary>
    [Fact]
    public async Task SettledHours_AreCountedOnce_TheRecentHoursAtEveryLoad()
    {
        // The clock: 18:00 UTC. 16:00-17:00 is settled at 18:00 (ended an hour ago); 17:00-18:00 and the current hour are not.
        var now = Time.GetUtcNow();
        var history = History();
        async Task<RateSlot> SlotAsync(DateTimeOffset at)
        {
            await using var db = await Database.Factory.CreateDbContextAsync(Ct);
            var slot = new RateSlot { TakenAt = at, Kind = RequestKind.Refresh };
            db.RateSlots.Add(slot);
            await db.SaveChangesAsync(Ct);
            return slot;
        }

        await SlotAsync(now.AddMinutes(-110));
        var recent = await SlotAsync(now.AddMinutes(-50));
        var first = await history.GetAsync(Ct);
        Assert.Equal((1, 1, 0), (first.Sends[^3].Refresh, first.Sends[^2].Refresh, first.Sends[^1].Refresh));

        // A slot that appears in the settled hour (only a test can write one there) is not read again; the recent hours are.
        await SlotAsync(now.AddMinutes(-100));
        await SlotAsync(now);
        await using (var db = await Database.Factory.CreateDbContextAsync(Ct))
        {
            await db.RateSlots.Where(s => s.Id == recent.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReturnedAt, now), Ct);
        }

        var second = await history.GetAsync(Ct);
        Assert.Equal((1, 0, 1), (second.Sends[^3].Refresh, second.Sends[^2].Refresh, second.Sends[^1].Refresh));
        // Another instance counts the whole week: the same except for the slot written into the settled hour.
        var fresh = await History().GetAsync(Ct);
        Assert.Equal((2, 0, 1), (fresh.Sends[^3].Refresh, fresh.Sends[^2].Refresh, fresh.Sends[^1].Refresh));

        // Two hours on, the chart has moved by two bars, and the hour that was the current one is now counted and kept.
        Time.Advance(TimeSpan.FromHours(2));
        var later = await history.GetAsync(Ct);
        Assert.Equal((168, now.AddHours(-7 * 24 + 3)), (later.Sends.Count, later.From));
        Assert.Equal((1, 0, 1, 0, 0), (later.Sends[^5].Refresh, later.Sends[^4].Refresh, later.Sends[^3].Refresh, later.Sends[^2].Refresh,
            later.Sends[^1].Refresh));
        await SlotAsync(now.AddMinutes(5));
        Assert.Equal(1, (await history.GetAsync(Ct)).Sends[^3].Refresh);
    }

    [Fact]
    public async Task TheLimit_IsTheRateInForceAnHour_TheConfiguredOneUntilStaffSetAnother()
    {
        Assert.Equal(360, (await History().GetAsync(Ct)).LimitPerHour);
        Assert.Equal(150, (await History(new DispatchOptions { RequestsPerWindow = 5, WindowSeconds = 120 }).GetAsync(Ct)).LimitPerHour);

        await using (var db = await Database.Factory.CreateDbContextAsync(Ct))
        {
            var control = await db.DispatchControl.SingleOrDefaultAsync(Ct);
            if (control is null)
                db.DispatchControl.Add(control = new DispatchControl());
            control.RequestsPerWindow = 4;
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(240, (await History().GetAsync(Ct)).LimitPerHour);
    }

    [Fact]
    public async Task OffPeak_IsEveryEveningFromSixPmToSixAmPacific_ClippedToTheChart()
    {
        var charts = await History().GetAsync(Ct);
        var pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

        Assert.Equal(7, charts.OffPeak.Count);
        Assert.All(charts.OffPeak, band =>
        {
            Assert.Equal(TimeSpan.FromHours(18), TimeZoneInfo.ConvertTime(band.Start, pacific).TimeOfDay);
            Assert.Equal(TimeSpan.FromHours(12), band.End - band.Start);
        });
        Assert.Equal("America/Los_Angeles", charts.TimeZoneId);

        // Opened on an off-peak hour, the first band starts with the chart.
        Time.SetUtcNow(DateTimeOffset.Parse("2025-11-27T06:30:00Z")); // 22:30 PST
        var evening = await History().GetAsync(Ct);
        Assert.Equal(evening.From, evening.OffPeak[0].Start);
        Assert.Equal(evening.To, evening.OffPeak[^1].End);
    }

    [Fact]
    public async Task Backlog_IsTheSamples_ThenTheQueueNow_AndSamplesPastEightDaysAreDropped()
    {
        await RequestAsync(RequestKind.Backfill);
        await RequestAsync(RequestKind.Backfill, RequestStatus.Submitted);
        await RequestAsync(RequestKind.Backfill, RequestStatus.Complete);
        var sampler = new BacklogSampler(Database.Factory, Time);

        var old = await sampler.RecordAsync(Ct);
        Time.Advance(TimeSpan.FromDays(7.5));
        var recent = await sampler.RecordAsync(Ct);
        await RequestAsync(RequestKind.Refresh);
        Time.Advance(TimeSpan.FromDays(1));
        await sampler.RecordAsync(Ct); // drops the first: 8.5 days old

        Assert.Equal((1, 1), (old.Pending, old.Submitted));
        await using (var db = await Database.Factory.CreateDbContextAsync(Ct))
            Assert.Equal(2, await db.BacklogSamples.CountAsync(Ct));
        var charts = await History().GetAsync(Ct);
        var now = Time.GetUtcNow();
        Assert.Equal([recent.At, now, now], charts.Backlog.Select(b => b.At)); // the last sample, and the queue now
        Assert.Equal(new BacklogPoint(Time.GetUtcNow(), 2, 1), charts.Backlog[^1]);
    }

    private async Task<int> RequestAsync(RequestKind kind, RequestStatus status = RequestStatus.Pending)
    {
        await using var db = await Database.Factory.CreateDbContextAsync(Ct);
        var now = Time.GetUtcNow();
        var link = await db.ServiceLinks.FirstOrDefaultAsync(Ct);
        if (link is null)
        {
            link = new ServiceLink { OwnerId = Owner, ServiceId = "1000000001", Status = LinkStatus.Active, CreatedAt = now, StatusChangedAt = now };
            db.ServiceLinks.Add(link);
            await db.SaveChangesAsync(Ct);
        }

        var request = new PlannedWindow(kind, now.AddDays(-8), now.AddDays(-1), 100).ToRequest(link.Id, now);
        request.Status = status;
        db.DataRequests.Add(request);
        await db.SaveChangesAsync(Ct);
        return request.Id;
    }
}
