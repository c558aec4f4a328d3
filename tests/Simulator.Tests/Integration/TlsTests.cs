using GbcPortal.Core.Gbc;
using GbcPortal.Core.Gbc.Certificates;
using GbcPortal.Core.Requests;
using GbcPortal.Simulator.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GbcPortal.Simulator.Tests.Integration;

/// <summary>
/// Mutual TLS both ways. With TLS 1.3 the server judges the client certificate after the
/// handshake, so a refused certificate shows as a failed connection, not as a 401.
/// </summary>
public sealed class TlsTests(CertificatesFixture certs)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutAClientCertificate_TheCallIsRefused()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var trust = CertificateTrust.ForCa(certs.Ours.Ca);
        var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = trust.ValidateServer } };

        var outcome = await ClientWith(handler, bed).SubmitAsync(Request(bed), Ct);

        AssertRefusedConnection(outcome);
        Assert.Equal(0, (await bed.MetricsAsync()).GetProperty("requestsReceived").GetInt64());
    }

    [Fact]
    public async Task WithACertificateFromAnotherCa_TheCallIsRefused()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var impostor = new PartyCertificates(certs.Foreign.PortalServer, certs.Foreign.PortalClient, CertificateTrust.ForCa(certs.Ours.Ca));

        var outcome = await ClientWith(MutualTls.CreateHandler(impostor), bed).SubmitAsync(Request(bed), Ct);

        AssertRefusedConnection(outcome);
        Assert.Equal(0, (await bed.MetricsAsync()).GetProperty("requestsReceived").GetInt64());
    }

    [Fact]
    public async Task AServerThatIsNotTheUtility_IsRefusedByTheClient()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        // Our client certificate, but we only trust the other CA for the server.
        var wary = new PartyCertificates(certs.Ours.PortalServer, certs.Ours.PortalClient, CertificateTrust.ForCa(certs.Foreign.Ca));

        var outcome = await ClientWith(MutualTls.CreateHandler(wary), bed).SubmitAsync(Request(bed), Ct);

        OutcomeAssert.Is(UtilityOutcomeKind.CertificateRefused, outcome);
    }

    [Fact]
    public async Task APinnedThumbprint_IsEnoughToTrustTheUtility()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var pinned = new PartyCertificates(certs.Ours.PortalServer, certs.Ours.PortalClient, CertificateTrust.ForThumbprint(certs.Ours.UtilityServer.Thumbprint));

        var outcome = await ClientWith(MutualTls.CreateHandler(pinned), bed).SubmitAsync(Request(bed), Ct);

        OutcomeAssert.Is(UtilityOutcomeKind.Accepted, outcome);
    }

    [Fact]
    public async Task TheAdminApi_IsNotServedOnTheTlsListener_NorTheApiOnTheAdminOne()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        using var tls = new HttpClient(MutualTls.CreateHandler(certs.Portal)) { BaseAddress = bed.Simulator.ApiUri };

        using var adminOverTls = await tls.GetAsync("sim/metrics", Ct);
        using var apiOverAdmin = await bed.Admin.PostAsync("GreenButtonConnect/espi/1_1/UsageRequest", new ByteArrayContent(Request(bed).ToXml()), Ct);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, adminOverTls.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, apiOverAdmin.StatusCode);
    }

    // TLS 1.3: the handshake completes, then the server drops the connection with an alert the
    // HTTP layer only sees as a response that ended early; TLS 1.2 fails the handshake itself.
    private static void AssertRefusedConnection(UtilityOutcome outcome)
    {
        Assert.True(outcome.Kind is UtilityOutcomeKind.ConnectionDropped or UtilityOutcomeKind.CertificateRefused, outcome.ToString());
        Assert.Null(outcome.Message); // the utility said nothing: the TLS error is logged, not stored in its name
    }

    private static GbcClient ClientWith(HttpMessageHandler handler, SimulatorTestBed bed) => new(
        new HttpClient(handler) { BaseAddress = bed.Simulator.ApiUri },
        bed.Receiver,
        Options.Create(new BodyLimitOptions()),
        NullLogger<GbcClient>.Instance);

    private static UsageRequest Request(SimulatorTestBed bed)
    {
        var (start, end) = SimulatorTestBed.PastWindow(1);
        return bed.Request("1000000002", "2345", start, end);
    }
}
