using GbcPortal.Core.Espi;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Usage;

/// <summary>
/// Every view over two years of 15-minute data (the benchmark's data set), checked bucket by bucket
/// against sums worked out here: each reading is put in its bucket by converting its own start to
/// local time, not by the boundaries the queries compute. Speed is measured in bench/, not here.
/// </summary>
public sealed class UsageTwoYearsTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    // Local midnight of 2024-01-01 and 2026-01-01 (PST, UTC-8).
    private static readonly DateTimeOffset From = new(2024, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    // Thursday 2025-03-20 (PDT, UTC-7) has no delivered readings: a gap in the week, month and year views.
    private static readonly DateTimeOffset GapFrom = new(2025, 3, 20, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset GapTo = new(2025, 3, 21, 7, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(UsageView.Day, "2025-03-09", 92)] // spring forward: 23 hours
    [InlineData(UsageView.Day, "2025-11-02", 100)] // fall back: 25 hours
    [InlineData(UsageView.Week, "2025-03-20", 7)]
    [InlineData(UsageView.Month, "2025-03-09", 31)]
    [InlineData(UsageView.Year, "2025-03-09", 12)]
    public async Task EveryView_MatchesSumsWorkedOutPerReading(UsageView view, string anchorText, int points)
    {
        await using var db = await TwoYearsAsync();
        var anchor = DateOnly.Parse(anchorText, System.Globalization.CultureInfo.InvariantCulture);

        var report = await new UsageQueries(db.Factory).GetAsync(db.OwnerId, db.ServiceId, view, anchor, ct: Ct);

        Assert.NotNull(report);
        Assert.Equal(points, report.Buckets.Count);
        Assert.InRange(report.Buckets.Count, 1, UsageQueries.MaxPoints);
        var expected = Expected(view, report.Period.From, report.Period.To);
        Assert.Equal(expected.Buckets.Select(b => b.Key), report.Buckets.Select(b => Key(view, b.Start)));
        foreach (var (bucket, truth) in report.Buckets.Zip(expected.Buckets))
        {
            AssertKwh(truth.Delivered, bucket.DeliveredKwh);
            AssertKwh(truth.Received, bucket.ReceivedKwh);
            AssertKwh(truth.Delivered - truth.Received, bucket.NetKwh);
        }
        AssertKwh(expected.Delivered, report.Totals.DeliveredKwh);
        AssertKwh(expected.Received, report.Totals.ReceivedKwh);
        Assert.Equal(expected.PeakStart, report.Totals.Peak?.Start);
        Assert.Equal(0.106, report.Totals.Peak!.Kwh, 9);
        Assert.Equal(900, report.Totals.Peak.DurationSeconds);
        if (view is not UsageView.Day)
            Assert.Equal(expected.DaysWithData, report.Totals.DaysWithData);

        AssertKwh(Expected(view, report.Previous.Period.From, report.Previous.Period.To).Delivered, report.Previous.DeliveredKwh);
        AssertKwh(Expected(view, report.SameLastYear.Period.From, report.SameLastYear.Period.To).Delivered, report.SameLastYear.DeliveredKwh);
    }

    [Fact]
    public async Task GapDay_IsNull_InTheWeek_AndMissingFromTheYearsDaysWithData()
    {
        await using var db = await TwoYearsAsync();
        var queries = new UsageQueries(db.Factory);

        var week = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Week, new DateOnly(2025, 3, 20), ct: Ct);
        var year = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Year, new DateOnly(2025, 3, 20), ct: Ct);

        Assert.Null(week!.Buckets[4].DeliveredKwh); // Sun 16 … Thu 20
        Assert.Null(week.Buckets[4].NetKwh);
        Assert.NotNull(week.Buckets[4].ReceivedKwh);
        Assert.Equal(6, week.Totals.DaysWithData);
        Assert.Equal(364, year!.Totals.DaysWithData);
        Assert.NotNull(year.Previous.ChangePercent); // 2024 is complete, so the year compares with it
    }

    private static async Task<UsageDatabase> TwoYearsAsync()
    {
        var db = await UsageDatabase.CreateAsync();
        await db.AddPatternAsync(db.DeliveredTypeId, FlowDirections.Forward, From, To, 100, 7);
        await db.AddPatternAsync(db.ReceivedTypeId, FlowDirections.Reverse, From, To, 20, 5);
        await using var ctx = await db.Factory.CreateDbContextAsync(Ct);
        var (gapFrom, gapTo) = (GapFrom.ToUnixTimeSeconds(), GapTo.ToUnixTimeSeconds());
        await ctx.Readings.Where(r => r.ReadingTypeId == db.DeliveredTypeId && r.Start >= gapFrom && r.Start < gapTo).ExecuteDeleteAsync(Ct);
        return db;
    }

    private sealed record Truth(List<(string Key, double? Delivered, double? Received)> Buckets, double? Delivered, double? Received,
        DateTimeOffset? PeakStart, int DaysWithData);

    // Reading by reading, in the same pattern the database was filled with.
    private static Truth Expected(UsageView view, DateTimeOffset from, DateTimeOffset to)
    {
        var buckets = new List<(string Key, double? Delivered, double? Received)>();
        var days = new HashSet<DateOnly>();
        double? delivered = null, received = null;
        DateTimeOffset? peak = null;
        for (var t = from; t < to; t += TimeSpan.FromMinutes(15))
        {
            var epoch = t.ToUnixTimeSeconds();
            var local = TimeZoneInfo.ConvertTime(t, Pacific);
            var key = Key(view, local);
            if (buckets.Count == 0 || buckets[^1].Key != key)
                buckets.Add((key, null, null));
            var inGap = t >= GapFrom && t < GapTo;
            double? d = inGap || t < From || t >= To ? null : (100 + epoch / 900 % 7) / 1000.0;
            double? r = t < From || t >= To ? null : (20 + epoch / 900 % 5) / 1000.0;
            buckets[^1] = (key, Add(buckets[^1].Delivered, d), Add(buckets[^1].Received, r));
            (delivered, received) = (Add(delivered, d), Add(received, r));
            if (d is not null)
                days.Add(DateOnly.FromDateTime(local.DateTime));
            if (d is not null && peak is null && epoch / 900 % 7 == 6)
                peak = t;
        }
        return new Truth(buckets, delivered, received, peak, days.Count);
    }

    private static string Key(UsageView view, DateTimeOffset local) => view switch
    {
        UsageView.Day => local.ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture),
        UsageView.Year => local.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        _ => local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static double? Add(double? total, double? value) => value is { } v ? (total ?? 0) + v : total;

    private static void AssertKwh(double? expected, double? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(expected.Value, actual.Value, 6);
    }
}
