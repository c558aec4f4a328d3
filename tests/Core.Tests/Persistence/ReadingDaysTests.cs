using System.Text;
using System.Text.Json;
using GbcPortal.Core.Accounts;
using GbcPortal.Core.Espi;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace GbcPortal.Core.Tests.Persistence;

/// <summary>
/// PostgreSQL stores readings a row per reading type and UTC day (<see cref="ReadingDay"/>), SQLite a row a
/// reading. The same callbacks ingested into both give the same readings, usage figures and exports, and an
/// account's deletion leaves no day row; migration ReadingDaysOnPostgres converts the rows a database held.
/// </summary>
public sealed class ReadingDaysTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private const string Owner = "days@example.test";
    private const string ServiceId = "1000000007";

    // Pacific local midnights by hand: spring forward Mar 8 2026 (a 23-hour day), fall back Nov 1 2026 (25 hours).
    private static readonly (DateTimeOffset From, DateTimeOffset To)[] Ranges =
    [
        (new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), new(2026, 3, 15, 7, 0, 0, TimeSpan.Zero)),
        (new(2026, 10, 25, 7, 0, 0, TimeSpan.Zero), new(2026, 11, 8, 8, 0, 0, TimeSpan.Zero)),
    ];

    [Fact]
    public async Task SameCallbacks_GiveTheSameReadings_UsageAndExport_AsSqlite_AndDeletionLeavesNoDay()
    {
        await using var sqlite = await TempDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var postgres = await TempDatabase.CreateAsync(DatabaseProvider.Postgres);
        var ids = await SeedAsync(sqlite);
        Assert.Equal(ids, await SeedAsync(postgres));

        // The first callback ends mid-day (13:15 UTC), the second starts earlier the same day with corrected
        // values (every 10th), and comes twice: the overlap is replaced, nothing before or after it is lost.
        var first = Feed(ids, bump: 0).Where(r => r.Start < Cut(0)).ToList();
        var second = Feed(ids, bump: 0.5).Where(r => r.Start >= Cut(-6)).ToList();
        var expected = first.Concat(second).GroupBy(r => (r.ReadingTypeId, r.Start)).Select(g => g.Last())
            .OrderBy(r => r.ReadingTypeId).ThenBy(r => r.Start).ToList();
        foreach (var database in new[] { sqlite, postgres })
        {
            await UpsertAsync(database, first);
            await UpsertAsync(database, second);
            await UpsertAsync(database, second);
        }

        foreach (var database in new[] { sqlite, postgres })
            Assert.Equal(Rows(expected), Rows(await ReadAllAsync(database)));

        await using (var db = await postgres.Factory.CreateDbContextAsync(Ct))
        {
            var days = await db.Set<ReadingDay>().AsNoTracking().ToListAsync(Ct);
            Assert.Equal(expected.Select(r => (r.ReadingTypeId, ReadingDayCodec.DayOf(r.Start))).Distinct().Count(), days.Count);
            var quarterHours = days.Where(d => d.ReadingTypeId == ids.Delivered).ToList();
            Assert.All(quarterHours, d => Assert.Equal(900, d.IntervalSeconds));
            Assert.All(days.Where(d => d.ReadingTypeId == ids.Hourly), d => Assert.Equal(3600, d.IntervalSeconds));
            Assert.All(days, d => Assert.Null(d.Durations));
            // Every 97th quarter hour is missing: a NULL in its slot, the day still 96 slots (less a trailing gap).
            Assert.Contains(quarterHours, d => d.Values.Length == 96 && d.Values.Any(v => v is null));
            Assert.All(days.Where(d => d.ReadingTypeId == ids.Received), d => Assert.Null(d.Costs));
            Assert.All(days.Where(d => d.ReadingTypeId == ids.Received), d => Assert.Null(d.Qualities));
            Assert.Contains(quarterHours, d => d.Costs is not null && d.Qualities is not null);
        }

        (UsageView View, DateOnly Anchor, bool Hourly)[] views =
        [
            (UsageView.Day, new(2026, 3, 8), false), (UsageView.Day, new(2026, 3, 8), true),
            (UsageView.Day, new(2026, 11, 1), false), (UsageView.Day, new(2026, 11, 1), true),
            (UsageView.Day, new(2026, 3, 10), false), (UsageView.Day, new(2026, 11, 4), true),
            (UsageView.Week, new(2026, 3, 11), false), (UsageView.Week, new(2026, 11, 4), false),
            (UsageView.Month, new(2026, 3, 1), false), (UsageView.Month, new(2026, 11, 1), false),
            (UsageView.Year, new(2026, 6, 1), false), (UsageView.Day, new(2026, 1, 5), false),
        ];
        var sqliteUsage = new UsageQueries(sqlite.Factory);
        var postgresUsage = new UsageQueries(postgres.Factory);
        var nov1 = await postgresUsage.GetAsync(Owner, ServiceId, UsageView.Day, new DateOnly(2026, 11, 1), true, Ct);
        Assert.Equal(25, nov1!.Buckets.Count);
        foreach (var (view, anchor, hourly) in views)
        {
            var want = await sqliteUsage.GetAsync(Owner, ServiceId, view, anchor, hourly, Ct);
            Assert.NotNull(want);
            Assert.Equal(JsonSerializer.Serialize(want), JsonSerializer.Serialize(await postgresUsage.GetAsync(Owner, ServiceId, view, anchor, hourly, Ct)));
        }

        foreach (var (from, to) in new (DateTimeOffset?, DateTimeOffset?)[] { (null, null), (Ranges[1].From.AddHours(30), Ranges[1].To.AddHours(-30)) })
        {
            var (sqliteCsv, sqliteEspi) = await ExportAsync(sqlite, from, to);
            var (postgresCsv, postgresEspi) = await ExportAsync(postgres, from, to);
            Assert.Equal(sqliteCsv, postgresCsv);
            Assert.Equal(sqliteEspi, postgresEspi);
            Assert.Contains(",8,", postgresCsv, StringComparison.Ordinal); // a flagged reading made it through
        }

        foreach (var database in new[] { sqlite, postgres })
            Assert.Equal(1, await new AccountData(database.Factory, NullLogger<AccountData>.Instance).DeleteAsync(Owner, Ct));
        await using (var db = await postgres.Factory.CreateDbContextAsync(Ct))
        {
            Assert.Equal(0, await db.Set<ReadingDay>().CountAsync(Ct));
            Assert.Equal(0, await db.Readings.CountAsync(Ct));
        }
    }

    [Fact]
    public async Task Migration_ConvertsReadings_ToDayRowsBySlot_AsTheWriterLaysThemOut()
    {
        await using var database = await TempDatabase.CreateAsync(DatabaseProvider.Postgres);
        var day = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        // Type 1: quarter hours with gaps, flags and costs over two days; type 2: hours; type 3: a day mixing a
        // 15- and a 60-minute reading at an odd offset, a day's reading and a month's reading.
        var readings = new List<StoredReading>();
        for (var i = 0; i < 2 * 96; i++)
        {
            if (i % 7 == 3 || i == 95)
                continue;
            readings.Add(Reading(1, day + i * 900, 900, 100 + i * 0.25, quality: i % 5 == 0 ? 8 : 0, cost: i % 3 == 0 ? 0.0125m * i : null));
        }
        for (var h = 0; h < 24; h++)
            readings.Add(Reading(2, day + h * 3600, 3600, 1000 + h));
        readings.Add(Reading(3, day + 300, 900, 5));
        readings.Add(Reading(3, day + 7200, 3600, 6, quality: 2));
        readings.Add(Reading(3, day + 86400, 86400, 7));
        readings.Add(Reading(3, day + 2 * 86400, 30 * 86400, 8, cost: 12.5m));

        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            var all = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(all[all.FindIndex(m => m.EndsWith("_ReadingDaysOnPostgres", StringComparison.Ordinal)) - 1], cancellationToken: Ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "AspNetUsers" ("Id", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "EmailAboutServices")
                    VALUES ('u1', FALSE, FALSE, FALSE, FALSE, 0, FALSE);
                INSERT INTO "ServiceLinks" ("Id", "OwnerId", "ServiceId", "Status", "NeedsReview", "TimeZoneId", "CreatedAt", "StatusChangedAt", "Version")
                    VALUES (1, 'u1', 'S-1', 1, FALSE, 'UTC', 0, 0, 0);
                INSERT INTO "ReadingTypes" ("Id", "LinkId", "Key", "Uom", "PowerOfTenMultiplier") VALUES (1, 1, 'a', 72, 0), (2, 1, 'b', 72, 0), (3, 1, 'c', 72, 0);
                """, Ct);
            foreach (var r in readings)
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "Readings" ("LinkId", "ReadingTypeId", "Start", "DurationSeconds", "ValueWh", "FlowDirection", "Quality")
                        VALUES ({r.LinkId}, {r.ReadingTypeId}, {r.Start}, {r.DurationSeconds}, {r.ValueWh}, {r.FlowDirection}, {r.Quality})
                    """, Ct);
                if (r.Cost is { } cost)
                    await db.Database.ExecuteSqlAsync($"""UPDATE "Readings" SET "Cost" = {cost} WHERE "ReadingTypeId" = {r.ReadingTypeId} AND "Start" = {r.Start}""", Ct);
            }
        }

        await PortalDatabase.MigrateAsync(database.Factory, Ct);

        await using var read = await database.Factory.CreateDbContextAsync(Ct);
        var back = await read.Readings.AsNoTracking().OrderBy(r => r.ReadingTypeId).ThenBy(r => r.Start).ToListAsync(Ct);
        Assert.Equal(Rows(readings), Rows(back));
        var days = await read.Set<ReadingDay>().AsNoTracking().OrderBy(d => d.ReadingTypeId).ThenBy(d => d.Day).ToListAsync(Ct);
        Assert.Equal([(1, day), (1, day + 86400), (2, day), (3, day), (3, day + 86400), (3, day + 2 * 86400)],
            days.Select(d => (d.ReadingTypeId, d.Day)));
        // The SQL lays the rows out as the writer does, so a later callback's merge compares like with like.
        foreach (var d in days)
        {
            var encoded = ReadingDayCodec.Encode(readings.Where(r => r.ReadingTypeId == d.ReadingTypeId && ReadingDayCodec.DayOf(r.Start) == d.Day).ToList());
            Assert.True(ReadingDayCodec.Same(encoded, d), $"type {d.ReadingTypeId} day {d.Day}");
        }
        Assert.Equal(94, days[0].Values.Length); // slots 94 (every 7th from 3) and 95 missing: a trailing gap is not stored
        Assert.Null(days[0].Values[3]);
        Assert.Equal(300, days[3].IntervalSeconds);
        // Offsets 300 and 7200, durations 900 and 3600: 5-minute slots, the durations kept where they are not 300.
        var mixed = new int?[25];
        (mixed[1], mixed[24]) = (900, 3600);
        Assert.Equal(mixed, days[3].Durations);
        Assert.Equal(25, days[3].Values.Length);
        Assert.Null(days[4].Durations);
        Assert.Equal(30 * 86400, days[5].Durations![0]);
        Assert.Null(days[2].Qualities);
        Assert.Null(days[2].Costs);
        Assert.Null(days[2].Durations);
    }

    [Fact]
    public async Task TwoIngestsOfOneLink_AtOnce_BothKeepTheirHoursOfTheSameDay()
    {
        await using var postgres = await TempDatabase.CreateAsync(DatabaseProvider.Postgres);
        var ids = await SeedAsync(postgres);
        var day = Ranges[0].From.ToUnixTimeSeconds() + 16 * 3600; // UTC midnight of Mar 2
        List<StoredReading> Hours(int from, int to) => [.. Enumerable.Range(from, to - from).Select(i => new StoredReading
        {
            LinkId = ids.Link, ReadingTypeId = ids.Delivered, Start = day + i * 900, DurationSeconds = 900, ValueWh = i, FlowDirection = 1,
        })];

        // The first ingest has written its day row and not committed when the second reads the day: without the
        // link's lock the second would read no row, wait on the first's insert, then overwrite it with its own half.
        await using var first = await postgres.Factory.CreateDbContextAsync(Ct);
        await using var firstTransaction = await first.Database.BeginTransactionAsync(Ct);
        await ReadingUpserter.UpsertAsync(first, Hours(0, 48), Ct);
        var second = Task.Run(async () =>
        {
            await using var db = await postgres.Factory.CreateDbContextAsync(Ct);
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await ReadingUpserter.UpsertAsync(db, Hours(48, 96), Ct);
            await transaction.CommitAsync(Ct);
        }, Ct);
        await Task.Delay(500, Ct);
        Assert.False(second.IsCompleted, "the second ingest waits for the first");
        await firstTransaction.CommitAsync(Ct);
        await second;

        Assert.Equal(Rows(Hours(0, 96)), Rows(await ReadAllAsync(postgres)));
    }

    [Fact]
    public void TheBenchmarksMigrateSql_IsTheMigrations()
    {
        // bench/postgres-readings/run.sh converts its 10 million readings with migrate.sql, generated from the migration.
        static string Flat(string sql) => string.Join(' ', sql.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        var script = Flat(File.ReadAllText(RepositoryFiles.File("bench", "postgres-readings", "migrate.sql")));
        Assert.Contains(Flat(Core.Persistence.Migrations.Postgres.ReadingDaysOnPostgres.GcdAggregate), script, StringComparison.Ordinal);
        Assert.Contains(Flat(Core.Persistence.Migrations.Postgres.ReadingDaysOnPostgres.ConvertToDays), script, StringComparison.Ordinal);
        Assert.Contains(Flat(Core.Persistence.Migrations.Postgres.ReadingDaysOnPostgres.ReadingsView), script, StringComparison.Ordinal);
        Assert.Contains("DROP TABLE \"Readings\";", script, StringComparison.Ordinal);
    }

    private static long Cut(int hours) => Ranges[0].From.AddDays(6).AddHours(5.25 + hours).ToUnixTimeSeconds();

    private static StoredReading Reading(int type, long start, int duration, double wh, long quality = 0, decimal? cost = null) => new()
    {
        LinkId = 1, ReadingTypeId = type, Start = start, DurationSeconds = duration, ValueWh = wh, FlowDirection = 1, Quality = quality, Cost = cost,
    };

    private static List<string> Rows(IEnumerable<StoredReading> rows) =>
        [.. rows.Select(r => $"{r.LinkId} {r.ReadingTypeId} {r.Start} {r.DurationSeconds} {r.ValueWh:R} {r.FlowDirection} {r.Quality} {(r.Cost is { } c ? ((double)c).ToString("R") : "-")}")];

    private sealed record Ids(int Link, int Delivered, int Received, int Hourly);

    private static async Task<Ids> SeedAsync(TempDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        db.Users.Add(new PortalUser { Id = Owner, UserName = Owner, Email = Owner });
        var link = new ServiceLink { OwnerId = Owner, ServiceId = ServiceId, Status = LinkStatus.Active, TimeZoneId = "America/Los_Angeles" };
        db.ServiceLinks.Add(link);
        await db.SaveChangesAsync(Ct);
        var delivered = Type(link.Id, FlowDirections.Forward, 900);
        var received = Type(link.Id, FlowDirections.Reverse, 900);
        var hourly = Type(link.Id, FlowDirections.Forward, 3600);
        db.ReadingTypes.AddRange(delivered, received, hourly);
        await db.SaveChangesAsync(Ct);
        return new Ids(link.Id, delivered.Id, received.Id, hourly.Id);
    }

    private static ReadingTypeRow Type(int linkId, int flow, int interval) => new()
    {
        LinkId = linkId, Key = $"c1/f{flow}/u72/i{interval}", FlowDirection = flow, Uom = UnitOfMeasure.WattHours,
        Commodity = 1, IntervalLengthSeconds = interval, Kind = 12, Accumulation = 4,
    };

    /// <summary>
    /// Quarter hours of both flows and hours of a second delivered type over both DST weeks; every 97th
    /// quarter hour missing, flags and costs on some. Multiples of 1/4 Wh, exact in binary, so sums agree to the bit.
    /// </summary>
    private static List<StoredReading> Feed(Ids ids, double bump)
    {
        var rows = new List<StoredReading>();
        foreach (var (from, to) in Ranges)
        {
            var i = 0;
            for (var t = from.ToUnixTimeSeconds(); t < to.ToUnixTimeSeconds(); t += 900, i++)
            {
                var extra = i % 10 == 0 ? bump : 0;
                if (i % 97 != 0)
                {
                    rows.Add(new StoredReading
                    {
                        LinkId = ids.Link, ReadingTypeId = ids.Delivered, Start = t, DurationSeconds = 900, ValueWh = 100 + (i % 37) * 2.25 + extra,
                        FlowDirection = FlowDirections.Forward, Quality = i % 29 == 0 ? 8 : 0, Cost = i % 5 == 0 ? null : 0.0125m * (i % 11),
                    });
                    rows.Add(new StoredReading
                    {
                        LinkId = ids.Link, ReadingTypeId = ids.Received, Start = t, DurationSeconds = 900,
                        ValueWh = (i % 96) is > 30 and < 70 ? (i % 13) * 7.5 + extra : 0, FlowDirection = FlowDirections.Reverse,
                    });
                }
                if (i % 4 == 0)
                {
                    rows.Add(new StoredReading
                    {
                        LinkId = ids.Link, ReadingTypeId = ids.Hourly, Start = t, DurationSeconds = 3600, ValueWh = 400 + (i % 23) * 4.5 + extra,
                        FlowDirection = FlowDirections.Forward, Quality = i % 44 == 0 ? 1 : 0,
                    });
                }
            }
        }
        return rows;
    }

    private static async Task UpsertAsync(TempDatabase database, List<StoredReading> rows)
    {
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        Assert.Equal(rows.Count, await ReadingUpserter.UpsertAsync(db, rows, Ct));
        await transaction.CommitAsync(Ct);
    }

    private static async Task<List<StoredReading>> ReadAllAsync(TempDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        return await db.Readings.AsNoTracking().OrderBy(r => r.ReadingTypeId).ThenBy(r => r.Start).ToListAsync(Ct);
    }

    private static async Task<(string Csv, string Espi)> ExportAsync(TempDatabase database, DateTimeOffset? from, DateTimeOffset? to)
    {
        var export = new UsageExport(database.Factory);
        var data = await export.FindAsync(Owner, ServiceId, from, to, Ct);
        Assert.NotNull(data);
        using var csv = new MemoryStream();
        await export.WriteCsvAsync(data, csv, Ct);
        using var espi = new MemoryStream();
        await export.WriteEspiAsync(data, espi, UsageExport.ResourceRoot(new Uri("https://portal.test/")), Ct);
        return (Encoding.UTF8.GetString(csv.ToArray()), Encoding.UTF8.GetString(espi.ToArray()));
    }
}
