using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Callbacks;
using GbcPortal.Portal.Health;
using GbcPortal.Portal.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GbcPortal.Pipeline.Tests;

/// <summary>/health/live, /health/ready and /metrics on the real portal over Kestrel.</summary>
[Collection(SharedPortal.Collection)]
public sealed class HealthAndMetricsTests(SharedPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_answers_Healthy_in_the_health_check_JSON_format_without_sign_in()
    {
        using var client = portal.UiClient();

        using var response = await client.GetAsync(HealthServiceCollectionExtensions.LivePath, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.TryGetProperty("totalDuration", out _));
    }

    [Fact]
    public async Task Ready_checks_the_database_Hangfire_the_certificates_and_the_callback_listener()
    {
        using var client = portal.UiClient();

        using var response = await client.GetAsync(HealthServiceCollectionExtensions.ReadyPath, Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var entries = json.RootElement.GetProperty("entries");
        foreach (var name in new[] { "database", "hangfire", "certificates", "callback-listener" })
            Assert.Equal("Healthy", entries.GetProperty(name).GetProperty("status").GetString());
        Assert.Contains(portal.Services.GetRequiredService<CallbackBinding>().Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            entries.GetProperty("callback-listener").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_for_staff_only_and_count_callbacks_backlog_and_ingest_lag()
    {
        using (var anonymous = portal.UiClient())
        using (var refused = await anonymous.GetAsync(HealthServiceCollectionExtensions.MetricsPath, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/Login", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        using (var customer = await portal.SignedInClientAsync($"customer-{Guid.NewGuid():N}@example.test", PortalRoles.Customer))
        using (var refused = await customer.GetAsync(HealthServiceCollectionExtensions.MetricsPath, Ct))
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);

        // One callback from the utility, so the counter has been counted at least once.
        var request = await DataRequests.SentAsync(portal.Databases, "4820183311",
            DateTimeOffset.FromUnixTimeSeconds(1300000000), DateTimeOffset.FromUnixTimeSeconds(1301000000));
        using (var utility = portal.CallbackClient(portal.DevCertificates.UtilityClient))
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/gbc/callback")
            {
                Content = new ByteArrayContent(await File.ReadAllBytesAsync(RepositoryFiles.Sample("gba-15min-spring-forward-day.xml"), Ct)),
            };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/atom+xml");
            message.Headers.Add("X-GBC-Request-Id", request.RequestId.ToString());
            using var stored = await utility.SendAsync(message, Ct);
            Assert.True(stored.StatusCode == HttpStatusCode.OK, $"{(int)stored.StatusCode}: {await stored.Content.ReadAsStringAsync(Ct)}");
        }

        using var staff = await portal.SignedInClientAsync(PortalFactory.StaffEmail, PortalRoles.Staff);
        using var response = await staff.GetAsync(HealthServiceCollectionExtensions.MetricsPath, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metrics = await response.Content.ReadAsStringAsync(Ct);
        Assert.Matches(@"(?m)^gbc_callbacks_received_total(\{[^}]*\})? [1-9]", metrics);
        Assert.Matches(@"(?m)^gbc_requests_backlog(\{[^}]*\})? \d+", metrics);
        Assert.Matches(@"(?m)^gbc_ingest_lag_seconds(\{[^}]*\})? [\d.]+", metrics);
    }

    [Fact]
    public async Task With_a_metrics_port_metrics_are_served_there_without_sign_in_and_not_on_the_UI()
    {
        var port = FreePort();
        HttpResponseMessage scraped, onUi;
        string scrapedText;
        await using (var separate = new PortalFactory(new Dictionary<string, string?> { ["Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            using var ui = separate.UiClient();
            using var http = new HttpClient();
            scraped = await http.GetAsync($"http://localhost:{port}/metrics", Ct);
            scrapedText = await scraped.Content.ReadAsStringAsync(Ct);
            onUi = await ui.GetAsync(HealthServiceCollectionExtensions.MetricsPath, Ct);
        }
        // Hangfire logs through one static provider, which the second portal pointed at its own, now
        // disposed, logger factory: give it back to the shared portal (one portal a process in production).
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(
            new Hangfire.AspNetCore.AspNetCoreLogProvider(portal.Services.GetRequiredService<ILoggerFactory>()));

        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("gbc_requests_backlog", scrapedText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, onUi.StatusCode);
        scraped.Dispose();
        onUi.Dispose();
    }

    [Fact]
    public async Task A_certificate_expiring_within_30_days_is_Degraded_and_an_expired_one_Unhealthy()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var soon = SelfSigned(clock.GetUtcNow().AddDays(10));
        var watch = new CertificateWatch(clock);
        watch.Add("Certificates:ServerCertificate", soon);
        var check = new CertificatesHealthCheck(watch, clock);

        var degraded = await check.CheckHealthAsync(new HealthCheckContext(), Ct);
        clock.Advance(TimeSpan.FromDays(11));
        var expired = await check.CheckHealthAsync(new HealthCheckContext(), Ct);
        var none = await new CertificatesHealthCheck(new CertificateWatch(clock), clock).CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("Certificates:ServerCertificate", degraded.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, expired.Status);
        Assert.Equal(HealthStatus.Unhealthy, none.Status);
    }

    [Fact]
    public async Task A_callback_port_nothing_listens_on_is_Unhealthy()
    {
        var binding = new CallbackBinding(Options.Create(new CallbackOptions()));

        var unbound = await new CallbackListenerHealthCheck(binding).CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.Equal(HealthStatus.Unhealthy, unbound.Status);
    }

    private static X509Certificate2 SelfSigned(DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=expiring.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(notAfter.AddDays(-60), notAfter);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
