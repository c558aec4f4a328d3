using System.Net;
using GbcPortal.Production.Tests.Deployment;

namespace GbcPortal.Production.Tests;

/// <summary>Without a proxy in front, an https:// address in <c>urls</c> serves TLS from Kestrel's default certificate.</summary>
public sealed class HttpsListenerTests(StartupRefusalTests.ValidConfiguration valid) : IClassFixture<StartupRefusalTests.ValidConfiguration>
{
    [Fact]
    public async Task An_https_url_serves_tls_with_the_configured_certificate_and_redirects_plain_http()
    {
        var (https, http) = (FreePort.Next(), FreePort.Next());
        var settings = new Dictionary<string, string>(valid.Settings)
        {
            ["urls"] = $"https://127.0.0.1:{https};http://127.0.0.1:{http}",
            ["Portal__PublicBaseUrl"] = $"https://127.0.0.1:{https}",
            ["Kestrel__Certificates__Default__Path"] = valid.Certificates.PublicCrt,
            ["Kestrel__Certificates__Default__KeyPath"] = valid.Certificates.PublicKey,
            ["Database__Provider"] = "Sqlite",
        };
        settings.Remove("ConnectionStrings__Portal");

        string? served = null;
        using var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                served = certificate?.Subject;
                return true;
            },
        };
        await using var portal = await PortalProcess.StartAsync(settings, new Uri($"https://127.0.0.1:{https}/Account/Login"));
        using var client = new HttpClient(handler);

        var page = await client.GetAsync($"https://127.0.0.1:{https}/Account/Login", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("CN=127.0.0.2", served); // the certificate named in Kestrel:Certificates:Default
        var redirect = await client.GetAsync($"http://127.0.0.1:{http}/Account/Login", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RedirectKeepVerb, redirect.StatusCode);
        Assert.Equal($"https://127.0.0.1:{https}/Account/Login", redirect.Headers.Location?.ToString());
    }
}
