using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Tests.Persistence;
using GbcPortal.Core.Tests.Requests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Linking;

public sealed class LinkServiceTests
{
    private const string Pin = "58213746";

    [Fact]
    public async Task LinkAsync_NewServiceId_CreatesLinkWithVerifyAndBackfillPlan()
    {
        await using var database = await TempDatabase.CreateAsync();
        var owner = await database.AddUserAsync("a@example.com");
        var pipeline = NewPipeline(database);

        var result = await pipeline.Links.LinkAsync(owner, "482 018-3311", Pin, TestContext.Current.CancellationToken);

        Assert.Equal((LinkResultKind.Created, false), (result.Kind, result.NeedsReview));
        var link = await pipeline.LinkAsync(result.LinkId!.Value);
        Assert.Equal(("4820183311", LinkStatus.Pending), (link.ServiceId, link.Status));
        var requests = await pipeline.RequestsAsync(link.Id);
        Assert.Equal([RequestKind.Verify, RequestKind.Backfill, RequestKind.Backfill, RequestKind.Backfill], requests.Select(r => r.Kind));
        Assert.All(requests, r => Assert.Equal(RequestStatus.Pending, r.Status));
    }

    [Fact]
    public async Task LinkAsync_PinIsEncryptedAtRest_AndDecryptsBack()
    {
        await using var database = await TempDatabase.CreateAsync();
        var owner = await database.AddUserAsync("a@example.com");
        var pipeline = NewPipeline(database);

        var result = await pipeline.Links.LinkAsync(owner, "4820183311", Pin, TestContext.Current.CancellationToken);

        var raw = await RawTextAsync(database.Path, $"SELECT ProtectedPin FROM ServiceLinks WHERE Id = {result.LinkId}");
        Assert.DoesNotContain(Pin, raw, StringComparison.Ordinal);
        Assert.True(raw.Length > 40);
        Assert.Equal(Pin, ReadPin(pipeline, raw));
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(database.Folder))
        {
            var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Pin)));
        }
    }

    [Theory]
    [InlineData("48201833", Pin, "ServiceId")]
    [InlineData("48201833AB", Pin, "ServiceId")]
    [InlineData("", Pin, "ServiceId")]
    [InlineData("4820183311", "123", "Pin")]
    [InlineData("4820183311", "123456789", "Pin")]
    [InlineData("4820183311", "12a4", "Pin")]
    public async Task LinkAsync_BadInput_IsRefusedWithAMessage_AndStoresNothing(string serviceId, string pin, string field)
    {
        await using var database = await TempDatabase.CreateAsync();
        var owner = await database.AddUserAsync("a@example.com");
        var pipeline = NewPipeline(database);

        var result = await pipeline.Links.LinkAsync(owner, serviceId, pin, TestContext.Current.CancellationToken);

        Assert.Equal((LinkResultKind.Invalid, field), (result.Kind, result.Field));
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.DoesNotContain(pin, result.Error!, StringComparison.Ordinal);
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.ServiceLinks.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LinkAsync_SameCustomerAgain_UpdatesThePinAndRequeuesWhatWaitedForIt()
    {
        await using var database = await TempDatabase.CreateAsync();
        var owner = await database.AddUserAsync("a@example.com");
        var pipeline = NewPipeline(database);
        var first = await pipeline.Links.LinkAsync(owner, "4820183311", "1111", TestContext.Current.CancellationToken);
        await using (var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.DataRequests.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RequestStatus.Paused), TestContext.Current.CancellationToken);
            await db.ServiceLinks.ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, LinkStatus.PinNotAccepted), TestContext.Current.CancellationToken);
        }

        var again = await pipeline.Links.LinkAsync(owner, "4820183311", "2222", TestContext.Current.CancellationToken);

        Assert.Equal((LinkResultKind.Updated, first.LinkId), (again.Kind, again.LinkId));
        var link = await pipeline.LinkAsync(first.LinkId!.Value);
        Assert.Equal(LinkStatus.Pending, link.Status);
        Assert.Equal("2222", ReadPin(pipeline, link.ProtectedPin));
        var requests = await pipeline.RequestsAsync(link.Id);
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r => Assert.Equal(RequestStatus.Pending, r.Status));
    }

    [Fact]
    public async Task LinkAsync_AnotherCustomersLiveServiceId_HoldsTheNewLinkForReview_AndTellsTheEarlierAccount()
    {
        await using var database = await TempDatabase.CreateAsync();
        var alice = await database.AddUserAsync("alice@example.com");
        var bob = await database.AddUserAsync("bob@example.com");
        var pipeline = NewPipeline(database);
        var first = await pipeline.Links.LinkAsync(alice, "4820183311", "1111", TestContext.Current.CancellationToken);

        var second = await pipeline.Links.LinkAsync(bob, "4820183311", "1111", TestContext.Current.CancellationToken);

        Assert.Equal((LinkResultKind.Created, true), (second.Kind, second.NeedsReview));
        Assert.False(first.NeedsReview);
        var earlier = await pipeline.LinkAsync(first.LinkId!.Value);
        var later = await pipeline.LinkAsync(second.LinkId!.Value);
        Assert.False(earlier.NeedsReview);
        Assert.NotNull(earlier.SharedNoticeAt);
        Assert.Equal((true, ReviewReasons.SharedServiceId), (later.NeedsReview, later.ReviewReason));
    }

    [Theory]
    [InlineData(ReviewDecision.KeepBoth, LinkStatus.Pending, LinkStatus.Pending)]
    [InlineData(ReviewDecision.KeepThisOne, LinkStatus.Refused, LinkStatus.Pending)]
    [InlineData(ReviewDecision.Refuse, LinkStatus.Pending, LinkStatus.Refused)]
    public async Task DecideAsync_AppliesTheDecision_ToBothLinks_AndIsAudited(ReviewDecision decision, LinkStatus earlierStatus, LinkStatus laterStatus)
    {
        await using var database = await TempDatabase.CreateAsync();
        var alice = await database.AddUserAsync("alice@example.com");
        var bob = await database.AddUserAsync("bob@example.com");
        var staff = await database.AddUserAsync("staff@example.com");
        var pipeline = NewPipeline(database);
        var first = await pipeline.Links.LinkAsync(alice, "4820183311", "1111", TestContext.Current.CancellationToken);
        var second = await pipeline.Links.LinkAsync(bob, "4820183311", "2222", TestContext.Current.CancellationToken);

        Assert.True(await pipeline.Reviews.DecideAsync(second.LinkId!.Value, decision, staff, "10.0.0.9", TestContext.Current.CancellationToken));

        var (earlier, later) = (await pipeline.LinkAsync(first.LinkId!.Value), await pipeline.LinkAsync(second.LinkId.Value));
        Assert.Equal((earlierStatus, laterStatus), (earlier.Status, later.Status));
        Assert.False(later.NeedsReview);
        Assert.False(await pipeline.Reviews.DecideAsync(second.LinkId.Value, decision, staff, null, TestContext.Current.CancellationToken));
        var refused = laterStatus == LinkStatus.Refused ? later : earlierStatus == LinkStatus.Refused ? earlier : null;
        if (refused is not null)
        {
            Assert.Null(refused.ProtectedPin);
            Assert.All(await pipeline.RequestsAsync(refused.Id), r => Assert.Equal(RequestStatus.Cancelled, r.Status));
        }

        await using var db = await pipeline.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == AuditAction.ReviewDecided, TestContext.Current.CancellationToken);
        Assert.Equal((staff, bob, "4820183311", "10.0.0.9"), (audit.ActorUserId, audit.AccountId, audit.ServiceId, audit.Ip));
    }

    [Fact]
    public async Task UnlinkAsync_CancelsEveryOpenRequest_AndDeletesThePin()
    {
        await using var database = await TempDatabase.CreateAsync();
        var owner = await database.AddUserAsync("a@example.com");
        var stranger = await database.AddUserAsync("b@example.com");
        var pipeline = NewPipeline(database);
        var result = await pipeline.Links.LinkAsync(owner, "4820183311", Pin, TestContext.Current.CancellationToken);

        var byStranger = await pipeline.Links.UnlinkAsync(stranger, result.LinkId!.Value, TestContext.Current.CancellationToken);
        var byOwner = await pipeline.Links.UnlinkAsync(owner, result.LinkId.Value, TestContext.Current.CancellationToken);

        Assert.Equal((false, true), (byStranger, byOwner));
        var link = await pipeline.LinkAsync(result.LinkId.Value);
        Assert.Equal((LinkStatus.Unlinked, null), (link.Status, link.ProtectedPin));
        Assert.All(await pipeline.RequestsAsync(link.Id), r => Assert.Equal(RequestStatus.Cancelled, r.Status));
    }

    [Fact]
    public async Task UpdatePinAsync_SomeoneElsesLink_IsNotFound()
    {
        await using var database = await TempDatabase.CreateAsync();
        var owner = await database.AddUserAsync("a@example.com");
        var stranger = await database.AddUserAsync("b@example.com");
        var pipeline = NewPipeline(database);
        var result = await pipeline.Links.LinkAsync(owner, "4820183311", Pin, TestContext.Current.CancellationToken);

        var update = await pipeline.Links.UpdatePinAsync(stranger, result.LinkId!.Value, "9999", TestContext.Current.CancellationToken);

        Assert.Equal(LinkResultKind.NotFound, update.Kind);
        Assert.Equal(Pin, ReadPin(pipeline, (await pipeline.LinkAsync(result.LinkId.Value)).ProtectedPin));
    }

    [Fact]
    public async Task LinkReplacementAsync_RecordsTheOldLink_OnlyWhenItIsTheSameCustomers()
    {
        await using var database = await TempDatabase.CreateAsync();
        var owner = await database.AddUserAsync("a@example.com");
        var stranger = await database.AddUserAsync("b@example.com");
        var pipeline = NewPipeline(database);
        var old = await pipeline.Links.LinkAsync(owner, "4820183311", Pin, TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;

        var theirs = await pipeline.Links.LinkReplacementAsync(stranger, old.LinkId!.Value, "4820189999", Pin, null, ct);
        var same = await pipeline.Links.LinkReplacementAsync(owner, old.LinkId.Value, "4820183311", Pin, null, ct);
        var replacement = await pipeline.Links.LinkReplacementAsync(owner, old.LinkId.Value, "4820189999", Pin, null, ct);

        Assert.Equal(LinkResultKind.NotFound, theirs.Kind);
        Assert.Equal((LinkResultKind.Invalid, "ServiceId"), (same.Kind, same.Field));
        Assert.Equal(LinkResultKind.Created, replacement.Kind);
        Assert.Equal(old.LinkId, (await pipeline.LinkAsync(replacement.LinkId!.Value)).ReplacesLinkId);
        await using var db = await database.Factory.CreateDbContextAsync(ct);
        Assert.False(await db.ServiceLinks.AnyAsync(l => l.OwnerId == stranger, ct));
    }

    private static Pipeline NewPipeline(TempDatabase database)
    {
        var time = Pipeline.ClockAt("2025-11-26T18:00:00Z");
        return new Pipeline(database.Factory, time, new ScriptedUtilityClient(time));
    }

    private static async Task<string> RawTextAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string? ReadPin(Pipeline pipeline, string? protectedPin) =>
        pipeline.Pins.TryUnprotect(protectedPin, out var pin) ? pin : null;
}
