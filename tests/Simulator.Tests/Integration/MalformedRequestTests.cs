using System.Net;
using System.Text;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Gbc.Certificates;
using GbcPortal.Simulator.Tests.Infrastructure;

namespace GbcPortal.Simulator.Tests.Integration;

/// <summary>Whatever the body, the answer is a documented 4xx with a UsageRequestStatus, never a 500.</summary>
public sealed class MalformedRequestTests(CertificatesFixture certs)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("this is not xml")]
    [InlineData("<UsageRequest xmlns=\"http://naesb.org/espi/gbc\"><requestId>r</requestId></UsageRequest>")]
    [InlineData("<Other/>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><UsageRequest>&e;</UsageRequest>")]
    [InlineData("<UsageRequest><requestId>r</requestId><serviceId>1000000002</serviceId><pin>2345</pin><interval><duration>x</duration><start>1</start></interval><callbackUri>https://a/</callbackUri></UsageRequest>")]
    [InlineData("<UsageRequest><requestId>r</requestId><serviceId>1000000002</serviceId><pin>2345</pin><interval><duration>3600</duration><start>1</start></interval><callbackUri>not a uri</callbackUri></UsageRequest>")]
    [InlineData("")]
    public async Task UnreadableBodies_Get400InvalidRequest(string body)
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);

        var (status, reason) = await PostAsync(bed, Encoding.UTF8.GetBytes(body));

        Assert.Equal((HttpStatusCode.BadRequest, StatusReason.InvalidRequest), (status, reason));
    }

    [Fact]
    public async Task AnOversizedBody_Gets413()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);

        var (status, reason) = await PostAsync(bed, new byte[64 * 1024]);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, StatusReason.InvalidRequest), (status, reason));
    }

    [Fact]
    public async Task AnyNamespacePrefix_IsRead()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var (start, end) = SimulatorTestBed.PastWindow(1);
        var body = $"""
            <g:UsageRequest xmlns:g="http://naesb.org/espi/gbc" xmlns:ns0="http://naesb.org/espi">
              <g:requestId>abc</g:requestId><g:serviceId>1000000002</g:serviceId><g:pin>2345</g:pin>
              <ns0:interval><ns0:duration>{(long)(end - start).TotalSeconds}</ns0:duration><ns0:start>{start.ToUnixTimeSeconds()}</ns0:start></ns0:interval>
              <g:callbackUri>{bed.Receiver.CallbackUri}</g:callbackUri>
            </g:UsageRequest>
            """;

        var (status, _) = await PostAsync(bed, Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.Accepted, status);
    }

    private async Task<(HttpStatusCode, StatusReason?)> PostAsync(SimulatorTestBed bed, byte[] body)
    {
        using var http = new HttpClient(MutualTls.CreateHandler(certs.Portal)) { BaseAddress = bed.Simulator.ApiUri };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/xml");
        using var response = await http.PostAsync(GbcClient.UsageRequestPath, content, Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        StatusReason? reason = response.StatusCode == HttpStatusCode.Accepted ? null : UsageRequestStatus.Parse(bytes).Reason;
        return (response.StatusCode, reason);
    }
}
