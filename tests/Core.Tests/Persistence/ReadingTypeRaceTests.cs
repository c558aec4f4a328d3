using GbcPortal.Core.Espi;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Persistence;

/// <summary>Two ingests of one new link create its reading types at the same moment: one row, both get its id, neither fails.</summary>
public sealed class ReadingTypeRaceTests
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Concurrent_inserts_of_one_type_share_one_row(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TempDatabase.CreateAsync(provider);
        var linkId = await SeedLinkAsync(database);
        var info = new ReadingTypeInfo("/ReadingType/1", 0, FlowDirections.Forward, 72, 0, 900);

        // Both ingests are inside their transaction, as IngestService runs them; the first has not committed yet.
        await using var first = await database.Factory.CreateDbContextAsync(ct);
        await using var second = await database.CreateOtherFactory().CreateDbContextAsync(ct);
        await using var firstTransaction = await first.Database.BeginTransactionAsync(ct);
        var mine = await ReadingUpserter.InsertOrGetTypeAsync(first, ReadingTypeRow.From(linkId, info), ct);
        var theirs = Task.Run(async () =>
        {
            await using var transaction = await second.Database.BeginTransactionAsync(ct);
            var row = await ReadingUpserter.InsertOrGetTypeAsync(second, ReadingTypeRow.From(linkId, info), ct);
            await transaction.CommitAsync(ct);
            return row;
        }, ct);
        await Task.Delay(300, ct); // the second insert now waits on the first's row (SQLite: on its write lock)
        await firstTransaction.CommitAsync(ct);

        Assert.Equal(mine.Id, (await theirs).Id);
        await using var check = await database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(1, await check.ReadingTypes.CountAsync(t => t.LinkId == linkId, ct));
    }

    private static async Task<int> SeedLinkAsync(TempDatabase database)
    {
        var owner = await database.AddUserAsync("race@example.test");
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var link = new ServiceLink { OwnerId = owner, ServiceId = "1000000001", Status = LinkStatus.Pending, TimeZoneId = "America/Los_Angeles" };
        db.ServiceLinks.Add(link);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return link.Id;
    }
}
