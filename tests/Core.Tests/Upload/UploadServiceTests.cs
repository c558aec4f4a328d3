using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Tests.Ingest;
using GbcPortal.Core.Upload;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace GbcPortal.Core.Tests.Upload;

/// <summary>
/// Uploaded Green Button files on a real SQLite file: stored by the ingest's keys beside GBC data,
/// as a file-only service otherwise, and nothing at all from a refused file.
/// </summary>
public sealed class UploadServiceTests : IAsyncLifetime
{
    private const string SpringForward = "gba-15min-spring-forward-day.xml";
    private const int SpringForwardReadings = 92;
    private const double SpringForwardWh = 109403;

    private IngestFixture _db = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _db = await IngestFixture.CreateAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private UploadService Uploads => new(_db.Databases, TimeProvider.System, NullLogger<UploadService>.Instance);

    [Fact]
    public async Task An_upload_then_a_callback_for_the_same_hours_stores_each_reading_once()
    {
        var request = await RequestAsync();
        var ownerId = request.Link!.OwnerId;

        var uploaded = await UploadAsync(ownerId, SpringForward, request.LinkId);
        var afterUpload = await _db.ReadingsAsync(request.LinkId);
        var ingested = await _db.Service().ProcessAsync(await _db.StoreCallbackAsync(request, await Body(SpringForward)), Ct);
        var afterCallback = await _db.ReadingsAsync(request.LinkId);

        Assert.Equal(UploadOutcome.Stored, uploaded.Outcome);
        Assert.Equal("1000000001", uploaded.ServiceId);
        Assert.Equal(SpringForwardReadings, uploaded.ReadingsStored);
        Assert.Equal(IngestOutcome.Stored, ingested.Outcome);
        Assert.Equal(SpringForwardReadings, ingested.ReadingsStored); // the callback wrote every reading again, over the same keys
        Assert.Equal(SpringForwardReadings, afterCallback.Count);
        Assert.Equal(SpringForwardWh, afterCallback.Sum(r => r.ValueWh), 6);
        Assert.Equal(afterUpload.Select(r => (r.ReadingTypeId, r.Start, r.ValueWh)), afterCallback.Select(r => (r.ReadingTypeId, r.Start, r.ValueWh)));
    }

    [Fact]
    public async Task A_callback_then_an_upload_of_the_same_hours_changes_no_reading()
    {
        var request = await RequestAsync();
        await _db.Service().ProcessAsync(await _db.StoreCallbackAsync(request, await Body(SpringForward)), Ct);
        var afterCallback = await _db.ReadingsAsync(request.LinkId);
        Assert.Equal(SpringForwardReadings, afterCallback.Count);

        var uploaded = await UploadAsync(request.Link!.OwnerId, SpringForward, request.LinkId);
        var afterUpload = await _db.ReadingsAsync(request.LinkId);

        Assert.Equal(UploadOutcome.Stored, uploaded.Outcome);
        Assert.Equal(afterCallback.Select(r => (r.ReadingTypeId, r.Start, r.ValueWh, r.DurationSeconds)),
            afterUpload.Select(r => (r.ReadingTypeId, r.Start, r.ValueWh, r.DurationSeconds)));
        Assert.Equal(LinkStatus.Active, (await _db.RequestAsync(request.Id)).Link!.Status); // the upload leaves the link's state alone
    }

    [Fact]
    public async Task Without_a_Service_ID_the_file_becomes_a_file_only_service_in_its_own_time_zone()
    {
        var ownerId = (await RequestAsync()).Link!.OwnerId;

        var first = await UploadAsync(ownerId, "gba-15min-14days-cost.xml", null);
        var second = await UploadAsync(ownerId, SpringForward, null);

        Assert.Equal(("file-1", "file-2"), (first.ServiceId, second.ServiceId));
        await using var db = await _db.Databases.CreateDbContextAsync(Ct);
        var link = await db.ServiceLinks.AsNoTracking().SingleAsync(l => l.ServiceId == "file-1" && l.OwnerId == ownerId, Ct);
        Assert.Equal(LinkStatus.FileOnly, link.Status);
        Assert.Null(link.ProtectedPin);
        Assert.Equal("America/New_York", link.TimeZoneId); // the file's tzOffset is -18000 with US DST rules
        Assert.Equal(new DateTimeOffset(2012, 3, 1, 5, 0, 0, TimeSpan.Zero), link.CoveredFrom);
        Assert.Equal(first.ReadingsStored, await db.Readings.CountAsync(r => r.LinkId == link.Id, Ct));
        Assert.False(await db.DataRequests.AnyAsync(r => r.LinkId == link.Id, Ct)); // nothing is ever asked of the utility for it
        Assert.Equal(new DateOnly(2012, 3, 14), first.LastDay);
    }

    [Theory]
    [InlineData("gba-malformed.xml", "not a Green Button file")]
    [InlineData("pge-batchlist-notification.xml", "notification")]
    public async Task A_refused_file_stores_nothing(string sample, string reason)
    {
        var request = await RequestAsync();
        var ownerId = request.Link!.OwnerId;

        var intoLink = await UploadAsync(ownerId, sample, request.LinkId);
        var alone = await UploadAsync(ownerId, sample, null);

        Assert.All(new[] { intoLink, alone }, r =>
        {
            Assert.Equal(UploadOutcome.Refused, r.Outcome);
            Assert.Contains(reason, r.Message, StringComparison.Ordinal);
        });
        await using var db = await _db.Databases.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.ServiceLinks.CountAsync(Ct));
        Assert.Equal(0, await db.Readings.CountAsync(Ct));
        Assert.Equal(0, await db.ReadingTypes.CountAsync(Ct));
    }

    [Fact]
    public async Task Text_that_is_not_XML_is_refused_with_a_message()
    {
        var ownerId = (await RequestAsync()).Link!.OwnerId;
        using var text = new MemoryStream("usage,kwh\n2024-01-01,3.2\n"u8.ToArray());

        var result = await Uploads.ImportAsync(ownerId, "usage.csv", text, null, Ct);

        Assert.Equal(UploadOutcome.Refused, result.Outcome);
        Assert.StartsWith("This is not a Green Button file we can read", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gas_file_is_described_in_therms_and_nothing_is_stored()
    {
        var ownerId = (await RequestAsync()).Link!.OwnerId;

        var result = await UploadAsync(ownerId, "gba-gas.xml", null);

        Assert.Equal(UploadOutcome.NothingToStore, result.Outcome);
        var total = Assert.Single(result.Report!.Totals);
        Assert.Equal("therm", total.Unit);
        await using var db = await _db.Databases.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Readings.CountAsync(Ct));
        Assert.Equal(1, await db.ServiceLinks.CountAsync(Ct));
    }

    [Fact]
    public async Task Another_customers_Service_ID_is_refused()
    {
        var someone = await RequestAsync();
        var other = await RequestAsync();

        var result = await UploadAsync(other.Link!.OwnerId, SpringForward, someone.LinkId);

        Assert.Equal(UploadOutcome.Refused, result.Outcome);
        Assert.Empty(await _db.ReadingsAsync(someone.LinkId));
        Assert.Empty(await _db.ReadingsAsync(other.LinkId));
    }

    private async Task<UploadResult> UploadAsync(string ownerId, string sample, int? linkId)
    {
        await using var file = File.OpenRead(RepositoryFiles.Sample(sample));
        return await Uploads.ImportAsync(ownerId, sample, file, linkId, Ct);
    }

    private static Task<byte[]> Body(string sample) => File.ReadAllBytesAsync(RepositoryFiles.Sample(sample), Ct);

    private async Task<DataRequest> RequestAsync()
    {
        // The window the sample's day (2012-03-11, Eastern) lies in: ingest keeps only asked-for readings.
        var request = await DataRequests.SentAsync(_db.Databases, "1000000001",
            new DateTimeOffset(2012, 3, 10, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2012, 3, 13, 0, 0, 0, TimeSpan.Zero));
        return await _db.RequestAsync(request.Id);
    }
}
