using GbcPortal.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GbcPortal.Core.Tests.Persistence;

/// <summary>
/// The SQLite layout ingest speed depends on: Readings clustered on its key (WITHOUT ROWID, no
/// other index), and callback bodies in their own table, both in a new database and in one
/// migrated from the first schema with data in it.
/// </summary>
public sealed class StorageLayoutTests : IAsyncDisposable
{
    private const string FirstSchema = "20261126071257_Initial";

    private readonly TempFolder _folder = new();
    private readonly IDbContextFactory<PortalDbContext> _factory;

    public StorageLayoutTests() => _factory = PortalDatabase.CreateSqliteFactory(_folder.File("portal.db"));

    [Fact]
    public async Task NewDatabase_StoresReadingsWithoutRowid_AndWithoutAnyOtherIndex()
    {
        await PortalDatabase.MigrateAsync(_factory, TestContext.Current.CancellationToken);

        Assert.EndsWith("WITHOUT ROWID", await TableSqlAsync("Readings"));
        Assert.Empty(await IndexesOfAsync("Readings"));
        Assert.DoesNotContain("\"Body\"", await TableSqlAsync("CallbackInbox"));
        Assert.Contains("\"Body\" BLOB NOT NULL", await TableSqlAsync("CallbackBodies"));
        Assert.Equal(2L, await ScalarAsync("PRAGMA auto_vacuum"));
    }

    [Fact]
    public async Task DatabaseOfTheFirstSchema_KeepsItsReadingsAndBodies_WhenMigrated()
    {
        var ct = TestContext.Current.CancellationToken;
        // Built as the first release built it: without the generator that clusters Readings.
        var plain = new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = _folder.File("portal.db") }.ToString()).Options;
        await using (var db = new SqlitePortalDbContext(plain))
            await db.GetService<IMigrator>().MigrateAsync(FirstSchema, cancellationToken: ct);
        Assert.DoesNotContain("WITHOUT ROWID", await TableSqlAsync("Readings"));
        byte[] body = [0x3C, 0x66, 0x65, 0x65, 0x64, 0x2F, 0x3E, 0x00, 0xFF];
        await ExecuteAsync("""
            INSERT INTO AspNetUsers (Id, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                VALUES ('u1', 0, 0, 0, 0, 0);
            INSERT INTO ServiceLinks (Id, OwnerId, ServiceId, Status, NeedsReview, TimeZoneId, CreatedAt, StatusChangedAt, Version)
                VALUES (7, 'u1', 'S-7', 1, 0, 'UTC', 0, 0, 0);
            INSERT INTO ReadingTypes (Id, LinkId, Key, Uom, PowerOfTenMultiplier) VALUES (3, 7, 'k', 72, 0);
            INSERT INTO Readings (LinkId, ReadingTypeId, Start, DurationSeconds, ValueWh, FlowDirection, Quality, Cost)
                VALUES (7, 3, 900, 900, 12.5, 1, 0, NULL), (7, 3, 0, 900, 10.25, 1, 0, 0.5);
            INSERT INTO CallbackInbox (Id, RequestId, Headers, Body, ReceivedAt, State, Attempts)
                VALUES (5, 'a3c2b1e0-0000-0000-0000-000000000001', '{}', $body, 0, 2, 1);
            """, ("$body", body));

        await PortalDatabase.MigrateAsync(_factory, ct);

        Assert.EndsWith("WITHOUT ROWID", await TableSqlAsync("Readings"));
        Assert.Empty(await IndexesOfAsync("Readings"));
        await using var read = await _factory.CreateDbContextAsync(ct);
        var readings = await read.Readings.OrderBy(r => r.Start).Select(r => new { r.Start, r.ValueWh, r.Cost }).ToListAsync(ct);
        Assert.Equal([new { Start = 0L, ValueWh = 10.25, Cost = (decimal?)0.5m }, new { Start = 900L, ValueWh = 12.5, Cost = (decimal?)null }], readings);
        var inbox = await read.CallbackInbox.AsNoTracking().SingleAsync(ct);
        Assert.Equal((5, InboxState.Processed, 1), (inbox.Id, inbox.State, inbox.Attempts));
        Assert.Equal(body, inbox.Body);
        // Rebuilt once in incremental auto-vacuum, so purged callback bodies can give their pages back.
        Assert.Equal(2L, await ScalarAsync("PRAGMA auto_vacuum"));
        Assert.Equal(CallbackBodyEncoding.Identity, inbox.BodyEncoding);
    }

    [Fact]
    public async Task InboxRow_AndItsBody_AreStoredTogether_AndStateChangesLeaveTheBody()
    {
        var ct = TestContext.Current.CancellationToken;
        await PortalDatabase.MigrateAsync(_factory, ct);
        var body = new byte[300_000];
        new Random(4).NextBytes(body);
        int id;
        await using (var db = await _factory.CreateDbContextAsync(ct))
        {
            var inbox = new CallbackInbox { RequestId = Guid.NewGuid(), Body = body, ReceivedAt = DateTimeOffset.UnixEpoch };
            db.CallbackInbox.Add(inbox);
            await db.SaveChangesAsync(ct);
            id = inbox.Id;
        }
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM CallbackBodies WHERE Id = {id}"));

        await using (var db = await _factory.CreateDbContextAsync(ct))
            await db.CallbackInbox.Where(c => c.Id == id).ExecuteUpdateAsync(c => c.SetProperty(i => i.State, InboxState.Processed), ct);

        await using var read = await _factory.CreateDbContextAsync(ct);
        Assert.Equal(InboxState.Processed, await read.CallbackInbox.Where(c => c.Id == id).Select(c => c.State).SingleAsync(ct));
        Assert.Equal(body, await read.CallbackInbox.Where(c => c.Id == id).Select(c => c.Body).SingleAsync(ct));
        await using (var stream = await StoredCallbackBody.OpenAsync(read, id, ct))
        {
            // Read in odd-sized pieces, then again after a seek, as the classifier and the reader do.
            var head = new byte[1000];
            await stream.ReadExactlyAsync(head, ct);
            Assert.Equal(body[..1000], head);
            stream.Position = 0;
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy, 7777, ct);
            Assert.Equal(body, copy.ToArray());
        }
        // Deleting the callback takes its body with it.
        await ExecuteAsync($"DELETE FROM CallbackInbox WHERE Id = {id};");
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM CallbackBodies"));
    }

    [Fact]
    public async Task Reading_MustUseAReadingTypeOfItsOwnLink()
    {
        var ct = TestContext.Current.CancellationToken;
        await PortalDatabase.MigrateAsync(_factory, ct);
        await ExecuteAsync("""
            INSERT INTO AspNetUsers (Id, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                VALUES ('u1', 0, 0, 0, 0, 0);
            INSERT INTO ServiceLinks (Id, OwnerId, ServiceId, Status, NeedsReview, TimeZoneId, CreatedAt, StatusChangedAt, Version)
                VALUES (1, 'u1', 'S-1', 1, 0, 'UTC', 0, 0, 0), (2, 'u1', 'S-2', 1, 0, 'UTC', 0, 0, 0);
            INSERT INTO ReadingTypes (Id, LinkId, Key, Uom, PowerOfTenMultiplier) VALUES (10, 1, 'k', 72, 0);
            INSERT INTO Readings (LinkId, ReadingTypeId, Start, DurationSeconds, ValueWh, FlowDirection, Quality)
                VALUES (1, 10, 0, 900, 1, 1, 0);
            """);

        var error = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(
            "INSERT INTO Readings (LinkId, ReadingTypeId, Start, DurationSeconds, ValueWh, FlowDirection, Quality) VALUES (2, 10, 0, 900, 1, 1, 0);"));
        Assert.Contains("FOREIGN KEY", error.Message);

        // Deleting the link cascades through its reading types to the readings.
        await ExecuteAsync("DELETE FROM ServiceLinks WHERE Id = 1;");
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM Readings"));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<string> TableSqlAsync(string table) =>
        (string)(await ScalarAsync($"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'"))!;

    private async Task<List<string>> IndexesOfAsync(string table)
    {
        await using var db = await _factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'index' AND tbl_name = {0}", table)
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _folder.File("portal.db") }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
