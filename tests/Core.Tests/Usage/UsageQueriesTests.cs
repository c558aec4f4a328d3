using GbcPortal.Core.Espi;
using GbcPortal.Core.Usage;

namespace GbcPortal.Core.Tests.Usage;

public sealed class UsageQueriesTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    // Pacific local midnights worked out by hand: PST is UTC-8, PDT is UTC-7; DST 2026 runs Mar 8 – Nov 1.
    private static readonly DateTimeOffset Mar8 = new(2026, 3, 8, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar9 = new(2026, 3, 9, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar10 = new(2026, 3, 10, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar11 = new(2026, 3, 11, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar15 = new(2026, 3, 15, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SpringForwardDay_Has23HoursOf15MinuteBuckets()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar8, Mar9, _ => 250);
        var queries = new UsageQueries(db.Factory);

        var report = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Day, new DateOnly(2026, 3, 8), ct: Ct);

        Assert.NotNull(report);
        Assert.Equal(UsageGranularity.QuarterHour, report.Granularity);
        Assert.Equal(92, report.Buckets.Count);
        Assert.All(report.Buckets, b => Assert.Equal(0.25, b.DeliveredKwh!.Value, 9));
        Assert.Equal(23.0, report.Totals.DeliveredKwh!.Value, 9);
        Assert.Equal(Mar8, report.Period.From);
        Assert.Equal(Mar9, report.Period.To);
    }

    [Fact]
    public async Task SpringForwardDay_Hourly_SkipsTwoOClock()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar8, Mar9, _ => 250);
        var queries = new UsageQueries(db.Factory);

        var report = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Day, new DateOnly(2026, 3, 8), hourlyDay: true, ct: Ct);

        Assert.NotNull(report);
        Assert.Equal(23, report.Buckets.Count);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 1, 0, 0, TimeSpan.FromHours(-8)), report.Buckets[1].Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.FromHours(-7)), report.Buckets[2].Start);
        Assert.All(report.Buckets, b => Assert.Equal(1.0, b.DeliveredKwh!.Value, 9));
    }

    [Fact]
    public async Task FallBackDay_Has25Hours_AndOneOClockTwice()
    {
        var from = new DateTimeOffset(2026, 11, 1, 7, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, from, to, _ => 250);
        var queries = new UsageQueries(db.Factory);

        var quarter = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Day, new DateOnly(2026, 11, 1), ct: Ct);
        var hourly = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Day, new DateOnly(2026, 11, 1), hourlyDay: true, ct: Ct);

        Assert.Equal(100, quarter!.Buckets.Count);
        Assert.Equal(25.0, quarter.Totals.DeliveredKwh!.Value, 9);
        Assert.Equal(25, hourly!.Buckets.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.FromHours(-7)), hourly.Buckets[1].Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.FromHours(-8)), hourly.Buckets[2].Start);
    }

    [Fact]
    public async Task WeekAcrossSpringForward_DaysFollowLocalMidnights()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar8, Mar15, _ => 250);
        var queries = new UsageQueries(db.Factory);

        var report = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Week, new DateOnly(2026, 3, 11), ct: Ct);

        Assert.NotNull(report);
        Assert.Equal(UsageGranularity.Day, report.Granularity);
        Assert.Equal([23.0, 24, 24, 24, 24, 24, 24], report.Buckets.Select(b => Math.Round(b.DeliveredKwh!.Value, 9)));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.FromHours(-7)), report.Buckets[1].Start);
        Assert.Equal(167.0, report.Totals.DeliveredKwh!.Value, 9);
        Assert.Equal(167.0 / 7, report.Totals.AverageDayKwh!.Value, 9);
        Assert.Equal(7, report.Totals.DaysWithData);
    }

    [Fact]
    public async Task MissingHours_AreNullBuckets_NotZero()
    {
        await using var db = await UsageDatabase.CreateAsync();
        // 10:00-12:00 local (PDT) is 17:00-19:00 UTC: no readings there.
        var gapFrom = new DateTimeOffset(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
        var gapTo = gapFrom.AddHours(2);
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar10, Mar11,
            t => t >= gapFrom && t < gapTo ? null : 250);
        var queries = new UsageQueries(db.Factory);

        var hourly = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Day, new DateOnly(2026, 3, 10), hourlyDay: true, ct: Ct);
        var quarter = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Day, new DateOnly(2026, 3, 10), ct: Ct);

        Assert.Equal(24, hourly!.Buckets.Count);
        Assert.Null(hourly.Buckets[10].DeliveredKwh);
        Assert.Null(hourly.Buckets[11].DeliveredKwh);
        Assert.Null(hourly.Buckets[10].NetKwh);
        Assert.Equal(22, hourly.Buckets.Count(b => b.DeliveredKwh is not null));
        Assert.Equal(22.0, hourly.Totals.DeliveredKwh!.Value, 9);
        Assert.Equal(8, quarter!.Buckets.Count(b => b.DeliveredKwh is null));
        Assert.DoesNotContain(quarter.Buckets, b => b.DeliveredKwh == 0);
    }

    [Fact]
    public async Task MissingDay_InWeek_IsNull_AndAverageCountsDaysWithData()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar8, Mar15,
            t => t >= Mar10 && t < Mar11 ? null : 250);
        var queries = new UsageQueries(db.Factory);

        var report = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Week, new DateOnly(2026, 3, 8), ct: Ct);

        Assert.Null(report!.Buckets[2].DeliveredKwh);
        Assert.Equal(143.0, report.Totals.DeliveredKwh!.Value, 9); // 23 + 5 × 24
        Assert.Equal(6, report.Totals.DaysWithData);
        Assert.Equal(143.0 / 6, report.Totals.AverageDayKwh!.Value, 9);
    }

    [Fact]
    public async Task DeliveredReceivedAndNet_AreKeptApart()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar10, Mar11, _ => 300);
        await db.AddQuarterHoursAsync(db.ReceivedTypeId, FlowDirections.Reverse, Mar10, Mar11, _ => 100);
        var queries = new UsageQueries(db.Factory);

        var report = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Day, new DateOnly(2026, 3, 10), ct: Ct);

        Assert.True(report!.HasReceived);
        Assert.Equal(28.8, report.Totals.DeliveredKwh!.Value, 9);
        Assert.Equal(9.6, report.Totals.ReceivedKwh!.Value, 9);
        Assert.Equal(19.2, report.Totals.NetKwh!.Value, 9);
        Assert.All(report.Buckets, b => Assert.Equal(0.2, b.NetKwh!.Value, 9));
    }

    [Fact]
    public async Task Comparisons_WithPreviousDayAndSameDayLastYear()
    {
        await using var db = await UsageDatabase.CreateAsync(withReceived: false);
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar10, Mar11, _ => 250);
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar9, Mar10, _ => 200);
        // 2025-03-10 is in PDT too (DST began 2025-03-09).
        var lastYear = new DateTimeOffset(2025, 3, 10, 7, 0, 0, TimeSpan.Zero);
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, lastYear, lastYear.AddDays(1), _ => 500);
        var queries = new UsageQueries(db.Factory);

        var report = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Day, new DateOnly(2026, 3, 10), ct: Ct);

        Assert.False(report!.HasReceived);
        Assert.Equal(19.2, report.Previous.DeliveredKwh!.Value, 9);
        Assert.Equal(25.0, report.Previous.ChangePercent);
        Assert.Equal(48.0, report.SameLastYear.DeliveredKwh!.Value, 9);
        Assert.Equal(-50.0, report.SameLastYear.ChangePercent);
        Assert.Equal(24.0, report.Totals.NetKwh!.Value, 9); // no solar: net is what was delivered
    }

    [Fact]
    public async Task Comparisons_WithoutReadings_AreNoData_ButARealZeroStaysZero()
    {
        await using var db = await UsageDatabase.CreateAsync(withReceived: false);
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar10, Mar11, _ => 250);
        // Mar 9 has 96 readings of 0 Wh (an empty house): that is data, worth 0 kWh.
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar9, Mar10, _ => 0);
        var queries = new UsageQueries(db.Factory);

        var mar10 = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Day, new DateOnly(2026, 3, 10), ct: Ct);
        var mar9 = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Day, new DateOnly(2026, 3, 9), ct: Ct);

        Assert.Equal(0.0, mar10!.Previous.DeliveredKwh);
        Assert.Null(mar10.Previous.ChangePercent); // no percentage of zero
        Assert.Null(mar10.SameLastYear.DeliveredKwh); // nothing stored for 2025-03-10
        Assert.Null(mar10.SameLastYear.ChangePercent);
        Assert.Null(mar9!.Previous.DeliveredKwh); // nothing stored for Mar 8
        Assert.Null(mar9.SameLastYear.DeliveredKwh);
    }

    [Fact]
    public async Task Peak_IsTheLargestDeliveredInterval()
    {
        var peakAt = new DateTimeOffset(2026, 3, 11, 1, 15, 0, TimeSpan.Zero); // 18:15 PDT on Mar 10
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar10, Mar11, t => t == peakAt ? 900 : 250);
        var queries = new UsageQueries(db.Factory);

        var report = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Day, new DateOnly(2026, 3, 10), ct: Ct);

        Assert.Equal(peakAt, report!.Totals.Peak!.Start);
        Assert.Equal(0.9, report.Totals.Peak.Kwh, 9);
        Assert.Equal(3.6, report.Totals.Peak.AverageKw, 9);
    }

    [Fact]
    public async Task YearView_HasMonthlyBuckets_WithEmptyMonthsNull()
    {
        await using var db = await UsageDatabase.CreateAsync();
        var jan1 = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var feb1 = new DateTimeOffset(2026, 2, 1, 8, 0, 0, TimeSpan.Zero);
        var mar1 = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var apr1 = new DateTimeOffset(2026, 4, 1, 7, 0, 0, TimeSpan.Zero);
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, jan1, feb1, _ => 100);
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, mar1, apr1, _ => 100);
        var queries = new UsageQueries(db.Factory);

        var report = await queries.GetAsync(db.OwnerId, db.ServiceId, UsageView.Year, new DateOnly(2026, 6, 15), ct: Ct);

        Assert.Equal(UsageGranularity.Month, report!.Granularity);
        Assert.Equal(12, report.Buckets.Count);
        Assert.Equal(297.6, report.Buckets[0].DeliveredKwh!.Value, 9); // 31 days × 96 × 0.1
        Assert.Null(report.Buckets[1].DeliveredKwh);
        Assert.Equal(297.2, report.Buckets[2].DeliveredKwh!.Value, 9); // 743 hours × 0.4: March loses an hour
        Assert.All(report.Buckets.Skip(3), b => Assert.Null(b.DeliveredKwh));
        Assert.Equal(62, report.Totals.DaysWithData);
    }

    [Fact]
    public async Task AnotherCustomer_GetsNothing()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar10, Mar11, _ => 250);
        var queries = new UsageQueries(db.Factory);

        Assert.Null(await queries.GetAsync(db.OtherOwnerId, db.ServiceId, UsageView.Day, new DateOnly(2026, 3, 10), ct: Ct));
        Assert.Null(await queries.GetAsync(db.OwnerId, "9999999999", UsageView.Day, new DateOnly(2026, 3, 10), ct: Ct));
    }
}
