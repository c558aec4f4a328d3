using GbcPortal.Core.Espi;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Gbc.Certificates;
using GbcPortal.Core.Requests;
using GbcPortal.Simulator.Tests.Infrastructure;

namespace GbcPortal.Simulator.Tests.Integration;

public sealed class DeliveryTests(CertificatesFixture certs)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("1000000001", "1234", 2)] // 15-minute, solar, mWh (10^-3)
    [InlineData("1000000002", "2345", 1)] // hourly, Wh (10^0)
    public async Task AcceptedRequest_PushesAFeedWhoseTotalsAreTheSimulatorsTruth(string serviceId, string pin, int flows)
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var (start, end) = SimulatorTestBed.PastWindow(days: 7);
        var request = bed.Request(serviceId, pin, start, end);

        var outcome = await bed.Client.SubmitAsync(request, TestContext.Current.CancellationToken);
        var callback = await bed.Receiver.NextAsync(Patience);

        var accepted = OutcomeAssert.Is(UtilityOutcomeKind.Accepted, outcome);
        Assert.Equal(request.RequestId, callback.RequestId);
        Assert.Equal(accepted.UtilityRequestId, callback.UtilityRequestId);
        Assert.StartsWith("application/atom+xml", callback.ContentType);
        Assert.Equal(CallbackBodyKind.Feed, CallbackBody.Classify(callback.Body));

        var truth = await bed.TrueTotalsAsync(serviceId, start, end);
        var received = SimulatorTestBed.FeedTotals(callback.Body);
        Assert.Equal(flows, truth.Count);
        Assert.Equal(truth, received);
        // Seven whole days: 672 quarter hours or 168 hours, whatever the DST state (the window is in UTC).
        Assert.Equal(serviceId == "1000000001" ? 672 : 168, truth[FlowDirections.Forward].Readings);
        Assert.True(truth[FlowDirections.Forward].Wh > 0);
    }

    [Fact]
    public async Task NotifyMode_PostsABatchListWhoseResourceServesTheFeedToTheSameCertificate()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs, o => o.Faults = o.Faults with { DeliveryMode = DeliveryMode.Notify });
        var (start, end) = SimulatorTestBed.PastWindow(days: 3);

        var outcome = await bed.Client.SubmitAsync(bed.Request("1000000001", "1234", start, end), TestContext.Current.CancellationToken);
        var callback = await bed.Receiver.NextAsync(Patience);

        OutcomeAssert.Is(UtilityOutcomeKind.Accepted, outcome);
        Assert.StartsWith("application/xml", callback.ContentType);
        Assert.Equal(CallbackBodyKind.BatchList, CallbackBody.Classify(callback.Body));
        var batch = new EspiReader().Read(new MemoryStream(callback.Body));
        var resource = Assert.Single(batch.ResourceUris);
        Assert.Equal(bed.Simulator.ApiUri.Authority, resource.Authority);

        var feed = await bed.Client.FetchResourceAsync(resource, TestContext.Current.CancellationToken);
        Assert.Equal(await bed.TrueTotalsAsync("1000000001", start, end), SimulatorTestBed.FeedTotals(feed));
    }

    [Fact]
    public async Task NotifyResource_IsRefusedToAnotherCertificate()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs, o => o.Faults = o.Faults with { DeliveryMode = DeliveryMode.Notify });
        var (start, end) = SimulatorTestBed.PastWindow(days: 1);
        await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), TestContext.Current.CancellationToken);
        var resource = new EspiReader().Read(new MemoryStream((await bed.Receiver.NextAsync(Patience)).Body)).ResourceUris.Single();

        // The utility-client certificate chains to the same CA but is not the Requestor that asked.
        var other = new GbcPortal.Core.Gbc.Certificates.PartyCertificates(certs.Ours.UtilityServer, certs.Ours.UtilityClient, GbcPortal.Core.Gbc.Certificates.CertificateTrust.ForCa(certs.Ours.Ca));
        using var http = new HttpClient(MutualTls.CreateHandler(other));
        using var response = await http.GetAsync(resource, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task RepeatedRequests_ForOverlappingWindows_AgreeOnEveryReading()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var (start, end) = SimulatorTestBed.PastWindow(days: 4);
        var middle = start.AddDays(2);

        await bed.Client.SubmitAsync(bed.Request("1000000001", "1234", start, end), TestContext.Current.CancellationToken);
        var whole = new EspiReader().Read(new MemoryStream((await bed.Receiver.NextAsync(Patience)).Body));
        await bed.Client.SubmitAsync(bed.Request("1000000001", "1234", middle, end), TestContext.Current.CancellationToken);
        var half = new EspiReader().Read(new MemoryStream((await bed.Receiver.NextAsync(Patience)).Body));

        foreach (var series in half.Series)
        {
            var same = whole.Series.Single(s => s.ReadingType.FlowDirection == series.ReadingType.FlowDirection);
            Assert.Equal(series.Readings, same.Readings.Where(r => r.Start >= middle));
        }
    }
}
