using System.Net;
using System.Net.Http.Headers;
using GbcPortal.Core.Persistence;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Pipeline.Tests;

/// <summary>The mutual-TLS callback endpoint on real Kestrel, with the dev certificate set.</summary>
public sealed class CallbackEndpointTests(CallbackEndpointTests.Portal portal) : IClassFixture<CallbackEndpointTests.Portal>
{
    /// <summary>One portal for the class: a small body limit so the 413 test sends 1 MB, not 64.</summary>
    public sealed class Portal() : PortalFactory(new Dictionary<string, string?> { ["Callback:MaxBodyBytes"] = "1048576" }), IAsyncLifetime
    {
        public ValueTask InitializeAsync()
        {
            StartServer();
            return ValueTask.CompletedTask;
        }
    }

    // 92 readings, 109,403 Wh in all: counted from the file by a separate script.
    private const string SpringForward = "gba-15min-spring-forward-day.xml";
    private const int SpringForwardReadings = 92;
    private const double SpringForwardWh = 109403;

    private readonly Portal _portal = portal;

    [Fact]
    public async Task Callback_from_the_utility_certificate_is_stored_answered_200_and_ingested()
    {
        var request = await SentRequestAsync();
        var body = await File.ReadAllBytesAsync(RepositoryFiles.Sample(SpringForward), TestContext.Current.CancellationToken);

        using var client = _portal.CallbackClient(_portal.DevCertificates.UtilityClient);
        using var response = await client.SendAsync(Callback(request.RequestId, body, "application/atom+xml"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await _portal.Databases.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var stored = await db.CallbackInbox.SingleAsync(c => c.RequestId == request.RequestId, TestContext.Current.CancellationToken);
        Assert.Equal(body, stored.Body);
        Assert.Equal("U-1", stored.UtilityRequestId);
        Assert.Contains(request.RequestId.ToString(), stored.Headers, StringComparison.OrdinalIgnoreCase);

        var done = await TestData.EventuallyAsync(() => RequestAsync(request.Id), r => r.Status == RequestStatus.Complete);
        Assert.Equal(RequestStatus.Complete, done.Status);
        Assert.Equal(SpringForwardReadings, done.ReadingsStored);
        var (count, total) = await ReadingsAsync(request.LinkId);
        Assert.Equal(SpringForwardReadings, count);
        Assert.Equal(SpringForwardWh, total, 6);
    }

    [Fact]
    public async Task Callback_for_an_unknown_request_is_404_and_stores_nothing()
    {
        await SentRequestAsync();
        using var client = _portal.CallbackClient(_portal.DevCertificates.UtilityClient);
        var unknown = Guid.NewGuid();

        using var response = await client.SendAsync(Callback(unknown, "<feed/>"u8.ToArray(), "application/atom+xml"),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync(unknown));
    }

    [Fact]
    public async Task Callback_with_a_certificate_from_another_ca_is_refused_in_the_handshake()
    {
        using var stranger = SelfSignedClientCertificate("CN=utility-client");
        await RefusedInTheHandshakeAsync(stranger);
    }

    [Fact]
    public async Task Callback_with_the_portals_own_certificate_from_the_same_ca_is_refused() =>
        await RefusedInTheHandshakeAsync(_portal.DevCertificates.PortalClient);

    private async Task RefusedInTheHandshakeAsync(X509Certificate2 certificate)
    {
        var request = await SentRequestAsync();
        using var client = _portal.CallbackClient(certificate);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.SendAsync(Callback(request.RequestId, "<feed/>"u8.ToArray(), "application/atom+xml"), TestContext.Current.CancellationToken));
        Assert.Equal(0, await InboxCountAsync(request.RequestId));
    }

    [Fact]
    public async Task Callback_over_the_size_limit_is_413_and_stores_nothing()
    {
        var request = await SentRequestAsync();
        using var client = _portal.CallbackClient(_portal.DevCertificates.UtilityClient);
        var body = new byte[SharedPortal.MaxBodyBytes + 1];
        Array.Fill(body, (byte)' ');

        using var response = await client.SendAsync(Callback(request.RequestId, body, "application/atom+xml"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync(request.RequestId));
    }

    [Fact]
    public async Task Callback_route_is_not_served_on_the_ui_port()
    {
        var request = await SentRequestAsync();
        using var client = _portal.UiClient();

        using var response = await client.SendAsync(Callback(request.RequestId, "<feed/>"u8.ToArray(), "application/atom+xml"),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync(request.RequestId));
    }

    // Same subject as the real one, but signed by nobody the portal trusts.
    private static X509Certificate2 SelfSignedClientCertificate(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    private async Task<DataRequest> SentRequestAsync() =>
        // The spring-forward sample's day (2012-03-11): ingest keeps only readings inside the request's window.
        await DataRequests.SentAsync(_portal.Databases, "4820183311",
            new DateTimeOffset(2012, 3, 11, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2012, 3, 13, 0, 0, 0, TimeSpan.Zero));

    private static HttpRequestMessage Callback(Guid requestId, byte[] body, string contentType)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/gbc/callback") { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        message.Headers.Add("X-GBC-Request-Id", requestId.ToString());
        message.Headers.Add("X-GBC-Utility-Request-Id", "U-1");
        return message;
    }

    private async Task<int> InboxCountAsync(Guid requestId)
    {
        await using var db = await _portal.Databases.CreateDbContextAsync();
        return await db.CallbackInbox.CountAsync(c => c.RequestId == requestId);
    }

    private async Task<DataRequest> RequestAsync(int id)
    {
        await using var db = await _portal.Databases.CreateDbContextAsync();
        return await db.DataRequests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private async Task<(int Count, double Total)> ReadingsAsync(int linkId)
    {
        await using var db = await _portal.Databases.CreateDbContextAsync();
        var values = await db.Readings.Where(r => r.LinkId == linkId).Select(r => r.ValueWh).ToListAsync();
        return (values.Count, values.Sum());
    }
}
