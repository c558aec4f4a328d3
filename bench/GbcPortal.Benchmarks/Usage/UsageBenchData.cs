using GbcPortal.Core.Espi;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Benchmarks.Usage;

/// <summary>
/// A SQLite file holding one customer's service with two years (2024 and 2025, Pacific time) of
/// 15-minute delivered and received readings: 70,176 rows per series. The views read 2025 around
/// Sunday 9 March, a 23-hour day, so every comparison period (2024) is complete too.
/// </summary>
internal sealed class UsageBenchData : IDisposable
{
    public const string OwnerId = "bench-owner";
    public const string ServiceId = "4820183311";

    public static readonly DateOnly Anchor = new(2025, 3, 9);

    // Local midnight of 2024-01-01 and 2026-01-01 in Los Angeles (PST, UTC-8).
    public static readonly DateTimeOffset From = new(2024, 1, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset To = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("gbc-usage-bench-").FullName;

    public UsageBenchData()
    {
        Factory = PortalDatabase.CreateSqliteFactory(Path.Combine(_folder, "portal.db"));
        PortalDatabase.MigrateAsync(Factory).GetAwaiter().GetResult();
        using var db = Factory.CreateDbContext();
        db.Users.Add(new PortalUser { Id = OwnerId, UserName = "bench@example.test", Email = "bench@example.test" });
        var link = new ServiceLink { OwnerId = OwnerId, ServiceId = ServiceId, Status = LinkStatus.Active };
        db.ServiceLinks.Add(link);
        db.SaveChanges();
        var delivered = Type(link.Id, FlowDirections.Forward);
        var received = Type(link.Id, FlowDirections.Reverse);
        db.ReadingTypes.AddRange(delivered, received);
        db.SaveChanges();
        (LinkId, DeliveredTypeId, ReceivedTypeId) = (link.Id, delivered.Id, received.Id);

        var from = From.ToUnixTimeSeconds();
        var to = To.ToUnixTimeSeconds();
        // Delivered 100–106 Wh and received 20–24 Wh per quarter-hour, cycling with the interval number.
        foreach (var (type, flow, floor, cycle) in new[]
                 {
                     (delivered.Id, FlowDirections.Forward, 100, 7),
                     (received.Id, FlowDirections.Reverse, 20, 5),
                 })
        {
            db.Database.ExecuteSql($"""
                WITH RECURSIVE q(t) AS (SELECT {from} UNION ALL SELECT t + 900 FROM q WHERE t + 900 < {to})
                INSERT INTO "Readings" ("LinkId", "ReadingTypeId", "Start", "DurationSeconds", "ValueWh", "FlowDirection", "Quality")
                SELECT {link.Id}, {type}, t, 900, {floor} + (t / 900) % {cycle}, {flow}, 0 FROM q
                """);
        }
        db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE);");
        Schema = db.Database.SqlQueryRaw<string>("""SELECT "sql" AS "Value" FROM sqlite_master WHERE "name" = 'Readings'""").Single();
        Rows = db.Readings.LongCount();
    }

    public IDbContextFactory<PortalDbContext> Factory { get; }

    public int LinkId { get; }

    public int DeliveredTypeId { get; }

    public int ReceivedTypeId { get; }

    /// <summary>The CREATE TABLE of Readings on this branch, printed so a result says which schema it measured.</summary>
    public string Schema { get; }

    public long Rows { get; }

    public static TimeZoneInfo Zone => new UtilityTimeZoneOptions().Zone;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static ReadingTypeRow Type(int linkId, int flow) => new()
    {
        LinkId = linkId, Key = $"c1/f{flow}/u72/i900", FlowDirection = flow, Uom = UnitOfMeasure.WattHours,
        Commodity = 1, IntervalLengthSeconds = 900, Kind = 12, Accumulation = 4,
    };
}
