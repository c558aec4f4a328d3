using GbcPortal.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Persistence;

public sealed class PortalDbContextTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrate_CreatesSchema_AndSeedsTheDispatchControlRow(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.CreateAsync(provider);
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);

        var control = await db.DispatchControl.SingleAsync(TestContext.Current.CancellationToken);

        Assert.Equal(DispatchControl.SingletonId, control.Id);
        Assert.False(control.Paused);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Instants_AreStoredAsUtcTicks_AndOrderAcrossOffsets()
    {
        await using var database = await TempDatabase.CreateAsync();
        var owner = await database.AddUserAsync("a@example.com");
        var utc = new DateTimeOffset(2025, 3, 9, 10, 0, 0, TimeSpan.Zero);
        await using (var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            // 03:00-07:00 is 10:00Z, one second after 09:59:59Z given at +00:00.
            db.ServiceLinks.Add(NewLink(owner, "1000000001", utc.ToOffset(TimeSpan.FromHours(-7))));
            db.ServiceLinks.Add(NewLink(owner, "1000000002", utc.AddSeconds(-1)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var read = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var ordered = await read.ServiceLinks.OrderBy(l => l.CreatedAt).Select(l => l.ServiceId)
            .ToListAsync(TestContext.Current.CancellationToken);
        var later = await read.ServiceLinks.Where(l => l.CreatedAt >= utc).SingleAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["1000000002", "1000000001"], ordered);
        Assert.Equal(utc, later.CreatedAt);
        Assert.Equal(TimeSpan.Zero, later.CreatedAt.Offset);
        Assert.Equal(utc.UtcTicks, await RawLongAsync(database.Path, "SELECT CreatedAt FROM ServiceLinks WHERE ServiceId = '1000000001'"));
    }

    // SQLite's table refuses a second row with a key; on PostgreSQL "Readings" is a view over day rows, where a key
    // is a slot (ReadingDaysTests: a later callback replaces the reading, never duplicates it).
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Readings_AreKeyedByLinkTypeAndStart(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.CreateAsync(provider);
        var owner = await database.AddUserAsync("a@example.com");
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var link = NewLink(owner, "1000000001", DateTimeOffset.UnixEpoch);
        db.ServiceLinks.Add(link);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var type = new ReadingTypeRow { LinkId = link.Id, Key = "c1/f1/u72/i900//", Uom = 72, FlowDirection = 1 };
        db.ReadingTypes.Add(type);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.Readings.Add(new StoredReading { LinkId = link.Id, ReadingTypeId = type.Id, Start = 1_700_000_000, DurationSeconds = 900, ValueWh = 12.5, Cost = 0.01234m });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.ChangeTracker.Clear();

        db.Readings.Add(new StoredReading { LinkId = link.Id, ReadingTypeId = type.Id, Start = 1_700_000_000, DurationSeconds = 900, ValueWh = 99 });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        db.ChangeTracker.Clear();
        var sum = await db.Readings.Where(r => r.LinkId == link.Id).SumAsync(r => r.Cost, TestContext.Current.CancellationToken);
        Assert.Equal(0.01234m, sum);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ConcurrentWriters_OfOneRequest_TheSecondIsRefused(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.CreateAsync(provider);
        var owner = await database.AddUserAsync("a@example.com");
        int requestId;
        await using (var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var link = NewLink(owner, "1000000001", DateTimeOffset.UnixEpoch);
            link.Requests.Add(new DataRequest { RequestId = Guid.NewGuid(), Status = RequestStatus.Pending });
            db.ServiceLinks.Add(link);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            requestId = link.Requests[0].Id;
        }

        await using var first = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        await using var second = await database.CreateOtherFactory().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var a = await first.DataRequests.SingleAsync(r => r.Id == requestId, TestContext.Current.CancellationToken);
        var b = await second.DataRequests.SingleAsync(r => r.Id == requestId, TestContext.Current.CancellationToken);
        a.Status = RequestStatus.Submitted;
        b.Status = RequestStatus.Submitted;

        await first.SaveChangesAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, a.Version);
    }

    private static ServiceLink NewLink(string owner, string serviceId, DateTimeOffset createdAt) => new()
    {
        OwnerId = owner,
        ServiceId = serviceId,
        CreatedAt = createdAt,
        StatusChangedAt = createdAt,
    };

    private static async Task<long> RawLongAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
