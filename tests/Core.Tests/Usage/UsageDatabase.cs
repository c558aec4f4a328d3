using GbcPortal.Core.Espi;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Usage;

/// <summary>A real SQLite file in a temp folder (or a PostgreSQL database) with one customer, one link and its two energy series.</summary>
public sealed class UsageDatabase : IAsyncDisposable
{
    private TempDatabase temp = null!;

    public IDbContextFactory<PortalDbContext> Factory { get; private set; } = default!;

    public string OwnerId { get; } = "owner-1";

    public string OtherOwnerId { get; } = "owner-2";

    public string ServiceId { get; } = "1000000001";

    public int LinkId { get; private set; }

    public int DeliveredTypeId { get; private set; }

    public int ReceivedTypeId { get; private set; }

    /// <param name="provider">PostgreSQL instead of the SQLite file: the raw usage SQL must work on both.</param>
    public static async Task<UsageDatabase> CreateAsync(bool withReceived = true, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var database = new UsageDatabase { temp = await TempDatabase.CreateAsync(provider) };
        database.Factory = database.temp.Factory;
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        db.Users.Add(new PortalUser { Id = database.OwnerId, UserName = "a@example.test", Email = "a@example.test" });
        db.Users.Add(new PortalUser { Id = database.OtherOwnerId, UserName = "b@example.test", Email = "b@example.test" });
        var link = new ServiceLink { OwnerId = database.OwnerId, ServiceId = database.ServiceId, Status = LinkStatus.Active };
        db.ServiceLinks.Add(link);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var delivered = Type(link.Id, FlowDirections.Forward);
        db.ReadingTypes.Add(delivered);
        ReadingTypeRow? received = null;
        if (withReceived)
        {
            received = Type(link.Id, FlowDirections.Reverse);
            db.ReadingTypes.Add(received);
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        database.LinkId = link.Id;
        database.DeliveredTypeId = delivered.Id;
        database.ReceivedTypeId = received?.Id ?? 0;
        return database;
    }

    /// <summary>Adds 15-minute readings over [from, to) with the Wh value the function gives each start.</summary>
    public async Task AddQuarterHoursAsync(int typeId, int flow, DateTimeOffset from, DateTimeOffset to, Func<DateTimeOffset, double?> wh,
        int? linkId = null)
    {
        // Through the ingest's own writer: on PostgreSQL "Readings" is a view over day rows, not a table.
        var rows = new List<StoredReading>();
        for (var t = from; t < to; t = t.AddMinutes(15))
        {
            if (wh(t) is not { } value)
                continue;
            rows.Add(new StoredReading
            {
                LinkId = linkId ?? LinkId, ReadingTypeId = typeId, Start = t.ToUnixTimeSeconds(), DurationSeconds = 900,
                ValueWh = value, FlowDirection = flow,
            });
        }
        await using var db = await Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await ReadingUpserter.UpsertAsync(db, rows, TestContext.Current.CancellationToken);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Adds 15-minute readings over [from, to) in one statement, for data sets too large to add row by
    /// row: <c>floor + (start / 900) % cycle</c> Wh, so every value is known without the database.
    /// </summary>
    public async Task AddPatternAsync(int typeId, int flow, DateTimeOffset from, DateTimeOffset to, int floor, int cycle)
    {
        await using var db = await Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var (start, end) = (from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds());
        await db.Database.ExecuteSqlAsync($"""
            WITH RECURSIVE q(t) AS (SELECT {start} UNION ALL SELECT t + 900 FROM q WHERE t + 900 < {end})
            INSERT INTO "Readings" ("LinkId", "ReadingTypeId", "Start", "DurationSeconds", "ValueWh", "FlowDirection", "Quality")
            SELECT {LinkId}, {typeId}, t, 900, {floor} + (t / 900) % {cycle}, {flow}, 0 FROM q
            """, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// A meter swap: the first link's data ends at <paramref name="oldDataEnd"/> and it turns Inactive; a new link
    /// (of <paramref name="ownerId"/>, the owner by default) replaces it. Returns the new link and its delivered series.
    /// </summary>
    public async Task<(int LinkId, int DeliveredTypeId)> AddReplacementAsync(string serviceId, DateTimeOffset oldDataEnd, string? ownerId = null)
    {
        await using var db = await Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var old = await db.ServiceLinks.SingleAsync(l => l.Id == LinkId, TestContext.Current.CancellationToken);
        (old.Status, old.LastCompleteReadingAt) = (LinkStatus.Inactive, oldDataEnd);
        var link = new ServiceLink { OwnerId = ownerId ?? OwnerId, ServiceId = serviceId, Status = LinkStatus.Active, ReplacesLinkId = LinkId };
        db.ServiceLinks.Add(link);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var delivered = Type(link.Id, FlowDirections.Forward);
        db.ReadingTypes.Add(delivered);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (link.Id, delivered.Id);
    }

    private static ReadingTypeRow Type(int linkId, int flow) => new()
    {
        LinkId = linkId, Key = $"c1/f{flow}/u72/i900", FlowDirection = flow, Uom = UnitOfMeasure.WattHours,
        Commodity = 1, IntervalLengthSeconds = 900, Kind = 12, Accumulation = 4,
    };

    public ValueTask DisposeAsync() => temp.DisposeAsync();
}
