using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Persistence;

/// <summary>The SQLite upsert path (one statement stepped per reading, bound by position).</summary>
public sealed class ReadingUpserterTests : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly IDbContextFactory<PortalDbContext> _factory;

    public ReadingUpserterTests() => _factory = PortalDatabase.CreateSqliteFactory(_folder.File("portal.db"));

    [Fact]
    public async Task Upsert_InsertsNewRows_UpdatesChangedOnes_AndLeavesTheRest()
    {
        var (linkId, typeId) = await SeedAsync();
        await UpsertAsync([Row(linkId, typeId, 0, 10.5), Row(linkId, typeId, 900, 11.25, cost: 0.75m), Row(linkId, typeId, 1800, 12)]);
        await UpsertAsync([Row(linkId, typeId, 900, 99), Row(linkId, typeId, 1800, 12), Row(linkId, typeId, 2700, 13.5)]);

        await using var db = await _factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var stored = await db.Readings.OrderBy(r => r.Start).Select(r => new { r.Start, r.ValueWh, r.Cost })
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(
            [new { Start = 0L, ValueWh = 10.5, Cost = (decimal?)null }, new { Start = 900L, ValueWh = 99.0, Cost = (decimal?)null },
             new { Start = 1800L, ValueWh = 12.0, Cost = (decimal?)null }, new { Start = 2700L, ValueWh = 13.5, Cost = (decimal?)null }],
            stored);
    }

    [Fact]
    public async Task Upsert_KeepsCost_AndRefusesAValueThatIsNotFinite()
    {
        var (linkId, typeId) = await SeedAsync();
        await UpsertAsync([Row(linkId, typeId, 0, 1, cost: 0.125m)]);
        await Assert.ThrowsAsync<ArgumentException>(() => UpsertAsync([Row(linkId, typeId, 900, double.NaN)]));

        await using var db = await _factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0.125m, await db.Readings.Select(r => r.Cost).SingleAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Upsert_OfAReadingTypeThatIsNotTheLinks_FailsAsAConstraint()
    {
        var (linkId, typeId) = await SeedAsync();
        var error = await Assert.ThrowsAsync<SqliteException>(() => UpsertAsync([Row(linkId + 1, typeId, 0, 1)]));
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private static StoredReading Row(int linkId, int typeId, long start, double value, decimal? cost = null) => new()
    {
        LinkId = linkId, ReadingTypeId = typeId, Start = start, DurationSeconds = 900, ValueWh = value, FlowDirection = 1, Cost = cost,
    };

    private async Task UpsertAsync(IReadOnlyList<StoredReading> rows)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await _factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Assert.Equal(rows.Count, await ReadingUpserter.UpsertAsync(db, rows, ct));
        await transaction.CommitAsync(ct);
    }

    private async Task<(int LinkId, int TypeId)> SeedAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await PortalDatabase.MigrateAsync(_factory, ct);
        await using var db = await _factory.CreateDbContextAsync(ct);
        var user = new PortalUser { UserName = "u@example.test", Email = "u@example.test" };
        db.Users.Add(user);
        var now = DateTimeOffset.UnixEpoch;
        var links = new[] { "S-1", "S-2" }.Select(s => new ServiceLink { OwnerId = user.Id, ServiceId = s, CreatedAt = now, StatusChangedAt = now }).ToArray();
        db.ServiceLinks.AddRange(links);
        await db.SaveChangesAsync(ct);
        var type = new ReadingTypeRow { LinkId = links[0].Id, Key = "k", Uom = 72 };
        db.ReadingTypes.Add(type);
        await db.SaveChangesAsync(ct);
        Assert.Equal(links[0].Id + 1, links[1].Id);
        return (links[0].Id, type.Id);
    }
}
