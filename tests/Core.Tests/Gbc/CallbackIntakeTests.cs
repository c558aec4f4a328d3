using System.Text;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;

namespace GbcPortal.Core.Tests.Gbc;

/// <summary>What the portal answers a callback and what it keeps, on a real SQLite file (the HTTP side is in Pipeline.Tests).</summary>
public sealed class CallbackIntakeTests
{
    private const int Limit = 4096;
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACallbackForARequestWeSent_IsStoredWithItsHeaders_AndAnswered200()
    {
        await using var database = await TempDatabase.CreateAsync();
        var requestId = await SentRequestAsync(database);

        var answer = await Intake(database).StoreAsync(Delivery(requestId, "<feed/>", "U-7"), Ct);

        Assert.Equal((200, null), (answer.StatusCode, answer.RetryAfterSeconds));
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        var row = await db.CallbackInbox.SingleAsync(c => c.Id == answer.InboxId, Ct);
        Assert.Equal((requestId, "U-7", "application/atom+xml", InboxState.Received, Now), (row.RequestId, row.UtilityRequestId, row.ContentType, row.State, row.ReceivedAt));
        Assert.Equal("<feed/>", Encoding.UTF8.GetString(row.Body));
        Assert.Contains("\"X-GBC-Utility-Request-Id\":\"U-7\"", row.Headers, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-guid")]
    public async Task ACallbackWithoutOurRequestId_Is400_AndStoresNothing(string? header)
    {
        await using var database = await TempDatabase.CreateAsync();
        await SentRequestAsync(database);
        var headers = header is null ? [] : new Dictionary<string, StringValues> { [CallbackHeaders.RequestId] = header };

        var answer = await Intake(database).StoreAsync(new CallbackDelivery(headers, "application/xml", null, Body("<feed/>")), Ct);

        Assert.Equal((400, null), (answer.StatusCode, answer.InboxId));
        Assert.Equal(0, await InboxCountAsync(database));
    }

    [Fact]
    public async Task ACallbackForARequestNeverSent_Is404_AndStoresNothing()
    {
        await using var database = await TempDatabase.CreateAsync();
        var requestId = await SentRequestAsync(database, sent: false);

        var answer = await Intake(database).StoreAsync(Delivery(requestId, "<feed/>"), Ct);

        Assert.Equal((404, null), (answer.StatusCode, answer.InboxId));
        Assert.Equal(0, await InboxCountAsync(database));
    }

    [Fact]
    public async Task ABodyOverTheLimit_WithoutADeclaredLength_Is413_AndStoresNothing()
    {
        await using var database = await TempDatabase.CreateAsync();
        var requestId = await SentRequestAsync(database);

        var answer = await Intake(database).StoreAsync(Delivery(requestId, "<feed>" + new string('x', Limit) + "</feed>"), Ct);

        Assert.Equal((413, null), (answer.StatusCode, answer.InboxId));
        Assert.Equal(0, await InboxCountAsync(database));
    }

    [Fact]
    public async Task ABodyThatIsNotXml_IsStoredForStaff_ButAnswered400()
    {
        await using var database = await TempDatabase.CreateAsync();
        var requestId = await SentRequestAsync(database);

        var answer = await Intake(database).StoreAsync(Delivery(requestId, "\uFEFF  {\"json\": true}"), Ct);

        Assert.Equal(400, answer.StatusCode);
        Assert.NotNull(answer.InboxId);
        Assert.Equal(1, await InboxCountAsync(database));
    }

    private static CallbackIntake Intake(TempDatabase database) => new(
        database.Factory, Options.Create(new BodyLimitOptions { MaxBodyBytes = Limit }), new FakeTimeProvider(Now), NullLogger<CallbackIntake>.Instance);

    private static CallbackDelivery Delivery(Guid requestId, string body, string? utilityRequestId = null)
    {
        var headers = new Dictionary<string, StringValues> { [CallbackHeaders.RequestId] = requestId.ToString() };
        if (utilityRequestId is not null)
            headers[CallbackHeaders.UtilityRequestId] = utilityRequestId;
        return new CallbackDelivery(headers, "application/atom+xml", null, Body(body));
    }

    private static MemoryStream Body(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<Guid> SentRequestAsync(TempDatabase database, bool sent = true)
    {
        var owner = await database.AddUserAsync("owner@example.com");
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        var link = new ServiceLink { OwnerId = owner, ServiceId = "1000000001" };
        var request = new DataRequest
        {
            Link = link,
            RequestId = Guid.NewGuid(),
            WindowStart = Now.AddDays(-7),
            WindowEnd = Now.AddDays(-1),
            CreatedAt = Now,
            Attempts = sent ? 1 : 0,
            SubmittedAt = sent ? Now : null,
        };
        db.DataRequests.Add(request);
        await db.SaveChangesAsync(Ct);
        return request.RequestId;
    }

    private static async Task<int> InboxCountAsync(TempDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        return await db.CallbackInbox.CountAsync(Ct);
    }
}
