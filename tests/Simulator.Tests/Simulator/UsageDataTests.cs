using GbcPortal.Simulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace GbcPortal.Simulator.Tests.Simulator;

/// <summary>
/// The simulator's data through its admin API, on a fake clock. Expected counts are calendar
/// facts: Pacific DST began 2026-03-08 and ends 2026-11-01, both at 02:00 local.
/// </summary>
public sealed class UsageDataTests(CertificatesFixture certs)
{
    [Theory]
    [InlineData("2026-03-08T08:00:00Z", "2026-03-09T07:00:00Z", "1000000001", 92)]  // 23-hour day, 15-minute
    [InlineData("2026-03-08T08:00:00Z", "2026-03-09T07:00:00Z", "1000000002", 23)]  // 23-hour day, hourly
    [InlineData("2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z", "1000000001", 100)] // 25-hour day, 15-minute
    [InlineData("2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z", "1000000002", 25)]  // 25-hour day, hourly
    public async Task ALocalDay_HasAsManyIntervalsAsItHasHours(string start, string end, string serviceId, long readings)
    {
        await using var bed = await StartAt("2026-11-20T20:00:00Z");

        var totals = await bed.TrueTotalsAsync(serviceId, DateTimeOffset.Parse(start), DateTimeOffset.Parse(end));

        Assert.Equal(readings, totals[1].Readings);
    }

    [Theory]
    [InlineData("2026-07-15T20:00:00Z", "2026-07-15T07:00:00Z")] // 13:00 PDT: data up to this morning's midnight
    [InlineData("2026-07-15T06:30:00Z", "2026-07-14T07:00:00Z")] // 23:30 PDT the day before
    [InlineData("2026-01-15T07:59:00Z", "2026-01-14T08:00:00Z")] // 23:59 PST
    [InlineData("2026-03-08T12:00:00Z", "2026-03-08T08:00:00Z")] // 05:00 PDT on the spring-forward day: midnight was PST
    public async Task Data_EndsAtThePreviousLocalMidnight(string now, string lastEnd)
    {
        await using var bed = await StartAt(now);
        var end = DateTimeOffset.Parse(lastEnd);

        var before = await bed.TrueTotalsAsync("1000000002", end.AddHours(-3), end);
        var after = await bed.TrueTotalsAsync("1000000002", end, end.AddDays(2));

        Assert.Equal(3, before[1].Readings);
        Assert.Equal(0, after[1].Readings);
    }

    [Fact]
    public async Task SolarAccounts_SendPowerBackByDay_AndNeverByNight()
    {
        await using var bed = await StartAt("2026-07-20T20:00:00Z");
        var week = DateTimeOffset.Parse("2026-07-06T07:00:00Z"); // Monday 00:00 PDT

        var nights = 0m;
        var days = 0m;
        for (var d = 0; d < 7; d++)
        {
            var midnight = week.AddDays(d);
            nights += (await bed.TrueTotalsAsync("1000000001", midnight, midnight.AddHours(4)))[19].Wh;
            days += (await bed.TrueTotalsAsync("1000000001", midnight.AddHours(10), midnight.AddHours(15)))[19].Wh;
        }
        var consumer = await bed.TrueTotalsAsync("1000000002", week, week.AddDays(7));

        Assert.Equal(0m, nights);
        Assert.True(days > 1000m, $"{days} Wh exported in a July week");
        Assert.False(consumer.ContainsKey(19));
    }

    [Fact]
    public async Task Readings_DependOnlyOnServiceIdAndStart_NotOnTheSimulatorInstance()
    {
        var window = (Start: DateTimeOffset.Parse("2026-01-05T08:00:00Z"), End: DateTimeOffset.Parse("2026-02-05T08:00:00Z"));
        await using var one = await StartAt("2026-06-01T00:00:00Z", seed: 1);
        await using var other = await StartAt("2026-09-01T00:00:00Z", seed: 2);

        var a = await one.TrueTotalsAsync("1000000001", window.Start, window.End);
        var b = await other.TrueTotalsAsync("1000000001", window.Start, window.End);

        Assert.Equal(a, b);
        Assert.Equal(31 * 96, a[1].Readings);
    }

    [Fact]
    public async Task WinterAndSummer_DifferAsAResidentialLoadDoes()
    {
        await using var bed = await StartAt("2026-12-01T00:00:00Z");

        var january = await bed.TrueTotalsAsync("1000000002", DateTimeOffset.Parse("2026-01-01T08:00:00Z"), DateTimeOffset.Parse("2026-02-01T08:00:00Z"));
        var april = await bed.TrueTotalsAsync("1000000002", DateTimeOffset.Parse("2026-04-01T07:00:00Z"), DateTimeOffset.Parse("2026-05-01T07:00:00Z"));
        var july = await bed.TrueTotalsAsync("1000000002", DateTimeOffset.Parse("2026-07-01T07:00:00Z"), DateTimeOffset.Parse("2026-08-01T07:00:00Z"));

        // A house of this size uses a few hundred kWh a month, most in summer (cooling), least in spring.
        Assert.InRange(july[1].Wh / 1000, 300m, 1500m);
        Assert.True(july[1].Wh > january[1].Wh && january[1].Wh > april[1].Wh, $"{january[1].Wh} {april[1].Wh} {july[1].Wh}");
    }

    private Task<SimulatorTestBed> StartAt(string now, int seed = 42) =>
        SimulatorTestBed.StartAsync(certs, o => { o.Seed = seed; o.HistoryDays = 800; }, time: new FakeTimeProvider(DateTimeOffset.Parse(now)));
}
