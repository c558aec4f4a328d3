using System.Text.Json;
using GbcPortal.Core.Espi;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Persistence;

/// <summary>
/// The raw SQL (the readings upsert, the usage aggregates) gives the same answers on PostgreSQL as on
/// SQLite: the same feed is ingested into both, then every usage view is asked of both.
/// </summary>
public sealed class PostgresParityTests
{
    // Pacific local midnights by hand: PST is UTC-8 until Mar 8 2026 02:00, PDT (UTC-7) after.
    private static readonly DateTimeOffset Feb22 = new(2026, 2, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar8 = new(2026, 3, 8, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar9 = new(2026, 3, 9, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar22 = new(2026, 3, 22, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Upsert_IsIdempotent_AndUsageViewsMatchSqlite()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sqlite = await TempDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var postgres = await TempDatabase.CreateAsync(DatabaseProvider.Postgres);
        var (sqliteLink, sqliteTypes) = await SeedLinkAsync(sqlite);
        var (postgresLink, postgresTypes) = await SeedLinkAsync(postgres);
        Assert.Equal((sqliteLink, sqliteTypes), (postgresLink, postgresTypes)); // same ids, so reports compare whole

        var first = Feed(sqliteLink, sqliteTypes, bump: 0);
        var again = Feed(sqliteLink, sqliteTypes, bump: 0.5); // a corrected feed: every 10th value changes
        foreach (var database in new[] { sqlite, postgres })
        {
            await UpsertAsync(database, first);
            await UpsertAsync(database, first); // a duplicate callback
            await UpsertAsync(database, again);
        }

        // Worked out from the feed itself, not from the database: the last write of each key wins.
        var expectedCount = again.Count;
        var expectedWh = again.Sum(r => r.ValueWh);
        var expectedCost = again.Sum(r => r.Cost ?? 0);
        foreach (var database in new[] { sqlite, postgres })
        {
            await using var db = await database.Factory.CreateDbContextAsync(ct);
            Assert.Equal(expectedCount, await db.Readings.CountAsync(ct));
            Assert.Equal(expectedWh, await db.Readings.SumAsync(r => r.ValueWh, ct));
            // SQLite keeps decimals as doubles, so the cost sum is compared to a millionth of a cent.
            Assert.Equal((double)expectedCost, (double)await db.Readings.SumAsync(r => r.Cost ?? 0, ct), 8);
        }

        // The spring-forward day by hand: 23 hours of quarter hours, less every 97th missing.
        var day = again.Where(r => r.FlowDirection == FlowDirections.Forward
            && r.Start >= Mar8.ToUnixTimeSeconds() && r.Start < Mar9.ToUnixTimeSeconds()).ToList();
        var sqliteQueries = new UsageQueries(sqlite.Factory);
        var postgresQueries = new UsageQueries(postgres.Factory);
        var mar8 = await postgresQueries.GetAsync(OwnerEmail, ServiceId, UsageView.Day, new DateOnly(2026, 3, 8), ct: ct);
        Assert.Equal(92, mar8!.Buckets.Count);
        Assert.Equal(day.Sum(r => r.ValueWh) / 1000, mar8.Totals.DeliveredKwh!.Value, 9);

        (UsageView View, DateOnly Anchor, bool Hourly)[] views =
        [
            (UsageView.Day, new DateOnly(2026, 3, 8), false), (UsageView.Day, new DateOnly(2026, 3, 8), true),
            (UsageView.Day, new DateOnly(2026, 3, 1), false), (UsageView.Week, new DateOnly(2026, 3, 11), false),
            (UsageView.Month, new DateOnly(2026, 3, 1), false), (UsageView.Year, new DateOnly(2026, 6, 1), false),
            (UsageView.Day, new DateOnly(2026, 1, 5), false), // no data at all
        ];
        foreach (var (view, anchor, hourly) in views)
        {
            var expected = await sqliteQueries.GetAsync(OwnerEmail, ServiceId, view, anchor, hourly, ct);
            var actual = await postgresQueries.GetAsync(OwnerEmail, ServiceId, view, anchor, hourly, ct);
            Assert.NotNull(expected);
            Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
        }
    }

    private const string OwnerEmail = "parity@example.test";
    private const string ServiceId = "1000000001";

    private static async Task<(int Link, (int Delivered, int Received) Types)> SeedLinkAsync(TempDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        db.Users.Add(new PortalUser { Id = OwnerEmail, UserName = OwnerEmail, Email = OwnerEmail });
        var link = new ServiceLink { OwnerId = OwnerEmail, ServiceId = ServiceId, Status = LinkStatus.Active, TimeZoneId = "America/Los_Angeles" };
        db.ServiceLinks.Add(link);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var delivered = Type(link.Id, FlowDirections.Forward);
        var received = Type(link.Id, FlowDirections.Reverse);
        db.ReadingTypes.AddRange(delivered, received);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (link.Id, (delivered.Id, received.Id));
    }

    private static ReadingTypeRow Type(int linkId, int flow) => new()
    {
        LinkId = linkId, Key = $"c1/f{flow}/u72/i900", FlowDirection = flow, Uom = UnitOfMeasure.WattHours,
        Commodity = 1, IntervalLengthSeconds = 900, Kind = 12, Accumulation = 4,
    };

    /// <summary>
    /// Four weeks of quarter hours over the spring-forward day, both flows, every 97th missing (a gap).
    /// Values are multiples of 1/4 Wh, exact in binary, so sums agree to the bit whatever the order.
    /// </summary>
    private static List<StoredReading> Feed(int link, (int Delivered, int Received) types, double bump)
    {
        var rows = new List<StoredReading>();
        var i = 0;
        for (var t = Feb22.ToUnixTimeSeconds(); t < Mar22.ToUnixTimeSeconds(); t += 900, i++)
        {
            if (i % 97 == 0)
                continue;
            var extra = i % 10 == 0 ? bump : 0;
            rows.Add(new StoredReading
            {
                LinkId = link, ReadingTypeId = types.Delivered, Start = t, DurationSeconds = 900,
                ValueWh = 100 + (i % 37) * 2.25 + extra, FlowDirection = FlowDirections.Forward, Quality = i % 3,
                Cost = i % 5 == 0 ? null : 0.0125m * (i % 11),
            });
            rows.Add(new StoredReading
            {
                LinkId = link, ReadingTypeId = types.Received, Start = t, DurationSeconds = 900,
                ValueWh = (i % 96) is > 30 and < 70 ? (i % 13) * 7.5 + extra : 0, FlowDirection = FlowDirections.Reverse,
            });
        }

        return rows;
    }

    private static async Task UpsertAsync(TempDatabase database, List<StoredReading> rows)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await database.Factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Assert.Equal(rows.Count, await ReadingUpserter.UpsertAsync(db, rows, ct));
        await transaction.CommitAsync(ct);
    }
}
