using GbcPortal.Core.Persistence;
using GbcPortal.Core.Staff;
using GbcPortal.Core.Tests.Persistence;

namespace GbcPortal.Core.Tests.Staff;

/// <summary>The staff search on both providers: exact and prefix Service IDs, emails in any case, accounts without links, pages.</summary>
public sealed class ServiceSearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ServiceId_ExactComesFirst_PrefixFindsTheOthers_NothingElse(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.CreateAsync(provider);
        var alice = await database.AddUserAsync("alice@example.com");
        var bob = await database.AddUserAsync("bob@example.com");
        await LinksAsync(database, (alice, "1000000001"), (bob, "10000000010"), (bob, "1000000002"), (alice, "2000000001"));
        var search = new ServiceSearch(database.Factory);

        var exact = await search.SearchAsync(" 1000000001 ", cancellationToken: Ct);
        Assert.Equal(["1000000001", "10000000010"], exact.Rows.Select(r => r.ServiceId));
        Assert.Equal("alice@example.com", exact.Rows[0].Email);

        var prefix = await search.SearchAsync("100000000", cancellationToken: Ct);
        Assert.Equal(3, prefix.Total);
        Assert.DoesNotContain(prefix.Rows, r => r.ServiceId == "2000000001");

        Assert.Equal(0, (await search.SearchAsync("3", cancellationToken: Ct)).Total);
        Assert.Equal(0, (await search.SearchAsync("0000000001", cancellationToken: Ct)).Total); // the middle of an ID is not its start
        Assert.Empty((await search.SearchAsync("   ", cancellationToken: Ct)).Rows);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Email_AnyCase_WholeOrItsBeginning_ListsEveryServiceOfTheAccount_AndAnAccountWithoutOne(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.CreateAsync(provider);
        var carol = await database.AddUserAsync("Carol.Smith@Example.com");
        await database.AddUserAsync("carolyn@example.com");
        await database.AddUserAsync("dave@example.com");
        await LinksAsync(database, (carol, "1000000001"), (carol, "1000000002"));
        var search = new ServiceSearch(database.Factory);

        var whole = await search.SearchAsync("carol.smith@EXAMPLE.com", cancellationToken: Ct);
        Assert.Equal(2, whole.Total);
        Assert.All(whole.Rows, r => Assert.Equal(carol, r.OwnerId));

        var start = await search.SearchAsync("CAROL", cancellationToken: Ct);
        Assert.Equal(3, start.Total);
        var withoutService = Assert.Single(start.Rows, r => r.LinkId is null);
        Assert.Equal("carolyn@example.com", withoutService.Email);

        Assert.Equal(0, (await search.SearchAsync("smith", cancellationToken: Ct)).Total); // not a substring search
        Assert.Equal(0, (await search.SearchAsync("carol_", cancellationToken: Ct)).Total); // LIKE's wildcards are text here
    }

    [Fact]
    public async Task Results_ComeAPageAtATime_AndAPageBeyondTheLastShowsTheLast()
    {
        await using var database = await TempDatabase.CreateAsync();
        var owner = await database.AddUserAsync("many@example.com");
        await LinksAsync(database, [.. Enumerable.Range(0, 45).Select(i => (owner, $"50000{i:D5}"))]);
        var search = new ServiceSearch(database.Factory);

        var first = await search.SearchAsync("50000", cancellationToken: Ct);
        var third = await search.SearchAsync("50000", 3, Ct);
        var beyond = await search.SearchAsync("50000", 9, Ct);

        Assert.Equal((45, 3, ServiceSearch.PageSize), (first.Total, first.Pages, first.Rows.Count));
        Assert.Equal("5000000000", first.Rows[0].ServiceId);
        Assert.Equal(["5000000040", "5000000041", "5000000042", "5000000043", "5000000044"], third.Rows.Select(r => r.ServiceId));
        Assert.Equal(3, beyond.Page);
        var all = new List<string?>();
        for (var page = 1; page <= first.Pages; page++)
            all.AddRange((await search.SearchAsync("50000", page, Ct)).Rows.Select(r => r.ServiceId));
        Assert.Equal(45, all.Distinct().Count());
    }

    private static async Task LinksAsync(TempDatabase database, params (string Owner, string ServiceId)[] links)
    {
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        db.ServiceLinks.AddRange(links.Select(l => new ServiceLink
        {
            OwnerId = l.Owner,
            ServiceId = l.ServiceId,
            Status = LinkStatus.Active,
            CreatedAt = at,
            StatusChangedAt = at,
        }));
        await db.SaveChangesAsync(Ct);
    }
}
