using System.Text;
using GbcPortal.Core.Gbc;

namespace GbcPortal.Simulator.Tests.Gbc;

public sealed class WireMessageTests
{
    [Fact]
    public void TheProtocolsExampleRequest_Parses()
    {
        const string example = """
            <UsageRequest xmlns="http://naesb.org/espi/gbc" xmlns:espi="http://naesb.org/espi">
              <requestId>3f2b8c4e-5d1a-4e8e-9b7c-2a6d0c1f9e11</requestId> <!-- the Requestor's id; echoed back -->
              <serviceId>4820183311</serviceId>
              <pin>5821</pin>
              <espi:interval>                       <!-- ESPI DateTimeInterval -->
                <espi:duration>1209600</espi:duration> <!-- seconds; at most 185 days = 15984000 -->
                <espi:start>1761955200</espi:start>    <!-- UTC epoch seconds -->
              </espi:interval>
              <callbackUri>https://portal.example/gbc/callback</callbackUri>
            </UsageRequest>
            """;

        var request = UsageRequest.Parse(Stream(example));

        Assert.Equal("3f2b8c4e-5d1a-4e8e-9b7c-2a6d0c1f9e11", request.RequestId);
        Assert.Equal("4820183311", request.ServiceId);
        Assert.Equal("5821", request.Pin);
        Assert.Equal(DateTimeOffset.Parse("2025-11-01T00:00:00Z"), request.Start);
        Assert.Equal(1209600, request.DurationSeconds);
        Assert.Equal(DateTimeOffset.Parse("2025-11-15T00:00:00Z"), request.End);
        Assert.Equal(new Uri("https://portal.example/gbc/callback"), request.CallbackUri);
        Assert.Equal(15984000, UsageRequest.MaxDurationSeconds);
    }

    [Fact]
    public void Request_RoundTrips()
    {
        var request = new UsageRequest("id-1", "1000000001", "1234", DateTimeOffset.FromUnixTimeSeconds(1761955200), 86400, new Uri("https://127.0.0.1:7444/gbc/callback"));

        Assert.Equal(request, UsageRequest.Parse(new MemoryStream(request.ToXml())));
    }

    [Fact]
    public void ReceiptAndStatus_RoundTrip()
    {
        var receipt = new UsageRequestReceipt("id-1", "U-000123", DateTimeOffset.FromUnixTimeSeconds(1761955200));
        var async = new UsageRequestStatus("id-1", "U-000123", RequestState.Rejected, StatusReason.PinMismatch, "PIN does not match Service ID");
        var sync = async with { UtilityRequestId = null, Status = RequestState.Failed, Reason = StatusReason.NoData };

        Assert.Equal(receipt, UsageRequestReceipt.Parse(new MemoryStream(receipt.ToXml())));
        Assert.Equal(async, UsageRequestStatus.Parse(async.ToXml()));
        Assert.Equal(sync, UsageRequestStatus.Parse(sync.ToXml()));
        Assert.DoesNotContain("utilityRequestId", Encoding.UTF8.GetString(sync.ToXml()));
    }

    [Fact]
    public void TheProtocolsExampleStatus_Parses()
    {
        const string example = """
            <UsageRequestStatus xmlns="http://naesb.org/espi/gbc">
              <requestId>3f2b8c4e-5d1a-4e8e-9b7c-2a6d0c1f9e11</requestId>
              <utilityRequestId>U-000123</utilityRequestId>   <!-- absent when refused synchronously -->
              <status>Rejected</status>                        <!-- Rejected | Failed -->
              <reason>PinMismatch</reason>
              <message>PIN does not match Service ID</message>
            </UsageRequestStatus>
            """;

        var status = UsageRequestStatus.Parse(Stream(example));

        Assert.Equal(new UsageRequestStatus("3f2b8c4e-5d1a-4e8e-9b7c-2a6d0c1f9e11", "U-000123", RequestState.Rejected, StatusReason.PinMismatch, "PIN does not match Service ID"), status);
    }

    [Theory]
    [InlineData("<UsageRequestStatus><requestId>r</requestId><status>Rejected</status><reason>Whatever</reason></UsageRequestStatus>")]
    [InlineData("<UsageRequestStatus><requestId>r</requestId><status>Maybe</status><reason>NoData</reason></UsageRequestStatus>")]
    [InlineData("<UsageRequestStatus><requestId>r</requestId><reason>NoData</reason></UsageRequestStatus>")]
    [InlineData("<UsageRequestReceipt/>")]
    [InlineData("<UsageRequestStatus>")]
    public void UnreadableStatuses_AreGbcMessageExceptions(string xml) =>
        Assert.Throws<GbcMessageException>(() => UsageRequestStatus.Parse(Stream(xml)));

    [Theory]
    [InlineData("pge-batchlist-notification.xml", CallbackBodyKind.BatchList)]
    [InlineData("pge-smd-hourly-2019-11-01.xml", CallbackBodyKind.Feed)]
    [InlineData("gba-hourly-january.xml", CallbackBodyKind.Feed)]
    public void CallbackBodies_AreToldApartByTheirRoot(string sample, CallbackBodyKind kind)
    {
        using var file = File.OpenRead(Path.Combine(SamplesFolder(), sample));

        Assert.Equal(kind, CallbackBody.Classify(file));
    }

    [Theory]
    [InlineData("<UsageRequestStatus xmlns=\"http://naesb.org/espi/gbc\"/>", CallbackBodyKind.Status)]
    [InlineData("<html><body>502</body></html>", CallbackBodyKind.Unknown)]
    [InlineData("not xml at all", CallbackBodyKind.Unknown)]
    [InlineData("", CallbackBodyKind.Unknown)]
    public void OtherBodies_AreClassifiedWithoutThrowing(string body, CallbackBodyKind kind) =>
        Assert.Equal(kind, CallbackBody.Classify(Encoding.UTF8.GetBytes(body)));

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string SamplesFolder() => RepositoryFiles.EspiSamples;
}
