using System.Globalization;
using GbcPortal.Core.Espi;
using GbcPortal.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>
/// Each usage view of a service with two years of 15-minute data, opened in the browser: the chart
/// is drawn with the true total and at most 1,000 points, and the time from navigation start until
/// Chart.js has painted (data-drawn-at) goes to the test output. Times are reported, never asserted.
/// </summary>
[Collection(PortalFixture.Collection)]
public sealed class UsageChartTimingTests(PortalFixture portal) : PortalTest(portal)
{
    private const int Loads = 4; // the first is cold (Chart.js fetched, JIT); the rest are summarized

    // Two years of Pacific time: local midnight of 2024-01-01 and 2026-01-01 are 08:00 UTC (PST).
    private static readonly DateTimeOffset DataFrom = new(2024, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DataTo = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    // Periods around Sunday 2025-03-09 (the 23-hour day), worked out by hand: PST is UTC-8, PDT UTC-7,
    // DST 2025 runs 9 March – 2 November; weeks start on Sunday.
    private static readonly (string View, int Points, string From, string To)[] Views =
    [
        ("day", 92, "2025-03-09T08:00:00Z", "2025-03-10T07:00:00Z"),
        ("week", 7, "2025-03-09T08:00:00Z", "2025-03-16T07:00:00Z"),
        ("month", 31, "2025-03-01T08:00:00Z", "2025-04-01T07:00:00Z"),
        ("year", 12, "2025-01-01T08:00:00Z", "2026-01-01T08:00:00Z"),
    ];

    [Fact]
    public async Task Every_view_of_two_years_is_drawn_with_the_true_total_and_at_most_1000_points()
    {
        var email = BrowserSession.NewEmail("timing");
        var serviceId = await SeedAsync(email);
        await using var customer = await Portal.NewSessionAsync();
        await customer.LoginAsync(email, BrowserSession.Password);
        var page = customer.Page;
        var chart = page.GetByTestId("usage-chart");
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"Usage chart drawn, ms from navigation start ({Loads} loads per view, 1st cold):");

        foreach (var (view, points, from, to) in Views)
        {
            var times = new List<double>();
            var loaded = new List<double>();
            for (var load = 0; load < Loads; load++)
            {
                await page.GotoAsync($"usage/{serviceId}?view={view}&date=2025-03-09");
                await Assertions.Expect(chart).ToHaveAttributeAsync("data-drawn", "true", new() { Timeout = 30_000 });
                times.Add(double.Parse(await chart.GetAttributeAsync("data-drawn-at") ?? "NaN", CultureInfo.InvariantCulture));
                // The prerendered page's load event: what is left after it is the circuit and the chart.
                loaded.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventEnd"));
            }

            Assert.Equal(points.ToString(CultureInfo.InvariantCulture), await chart.GetAttributeAsync("data-points"));
            Assert.InRange(points, 1, 1000);
            var drawnKwh = double.Parse(await chart.GetAttributeAsync("data-drawn-delivered-kwh") ?? "NaN", CultureInfo.InvariantCulture);
            Assert.Equal(DeliveredKwh(DateTimeOffset.Parse(from, CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, CultureInfo.InvariantCulture)), drawnKwh, 3);
            await customer.ScreenshotAsync($"usage-two-years-{view}");

            var warm = times.Skip(1).Order().ToList();
            output?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {view,-5} {points,3} points: cold {times[0],5:0} ms, warm median {warm[warm.Count / 2],5:0} ms (min {warm[0]:0}, max {warm[^1]:0}); page load event at {loaded.Skip(1).Order().ElementAt(1),4:0} ms (warm median)"));
        }
    }

    // The seeded pattern (Wh = 100 + interval number mod 7) summed again here, independently of the portal.
    private static double DeliveredKwh(DateTimeOffset from, DateTimeOffset to)
    {
        double wh = 0;
        for (var t = from.ToUnixTimeSeconds(); t < to.ToUnixTimeSeconds(); t += 900)
            wh += 100 + (t / 900 % 7);
        return wh / 1000;
    }

    /// <summary>A customer who owns a linked service holding 2024 and 2025 in 15-minute delivered and received readings.</summary>
    private async Task<string> SeedAsync(string email)
    {
        var ct = TestContext.Current.CancellationToken;
        var serviceId = "9" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, BrowserSession.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));

        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var link = new ServiceLink
        {
            OwnerId = user.Id, ServiceId = serviceId, Status = LinkStatus.Active, CreatedAt = now, StatusChangedAt = now,
            CoveredFrom = DataFrom, CoveredTo = DataTo, LastCompleteReadingAt = DataTo,
        };
        db.ServiceLinks.Add(link);
        await db.SaveChangesAsync(ct);
        var delivered = Type(link.Id, FlowDirections.Forward);
        var received = Type(link.Id, FlowDirections.Reverse);
        db.ReadingTypes.AddRange(delivered, received);
        await db.SaveChangesAsync(ct);
        var (from, to) = (DataFrom.ToUnixTimeSeconds(), DataTo.ToUnixTimeSeconds());
        foreach (var (type, flow, floor, cycle) in new[] { (delivered.Id, FlowDirections.Forward, 100, 7), (received.Id, FlowDirections.Reverse, 20, 5) })
        {
            var rows = await db.Database.ExecuteSqlAsync($"""
                WITH RECURSIVE q(t) AS (SELECT {from} UNION ALL SELECT t + 900 FROM q WHERE t + 900 < {to})
                INSERT INTO "Readings" ("LinkId", "ReadingTypeId", "Start", "DurationSeconds", "ValueWh", "FlowDirection", "Quality")
                SELECT {link.Id}, {type}, t, 900, {floor} + (t / 900) % {cycle}, {flow}, 0 FROM q
                """, ct);
            Assert.Equal((to - from) / 900, rows);
        }
        return serviceId;
    }

    private static ReadingTypeRow Type(int linkId, int flow) => new()
    {
        LinkId = linkId, Key = $"c1/f{flow}/u72/i900", FlowDirection = flow, Uom = UnitOfMeasure.WattHours,
        Commodity = 1, IntervalLengthSeconds = 900, Kind = 12, Accumulation = 4,
    };
}
