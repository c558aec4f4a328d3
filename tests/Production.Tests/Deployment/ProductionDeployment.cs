using System.Globalization;
using System.Net;
using GbcPortal.Core.Gbc.Certificates;
using GbcPortal.Simulator;
using GbcPortal.Simulator.Accounts;
using GbcPortal.Testing;
using Microsoft.Playwright;

namespace GbcPortal.Production.Tests.Deployment;

/// <summary>
/// A Production deployment on one machine: the published portal (ASPNETCORE_ENVIRONMENT=Production)
/// on a private PostgreSQL database, behind nginx terminating TLS, sending mail to a real SMTP server,
/// talking in Live mode over mutual TLS to the standalone simulated utility, with every certificate
/// named file by file. Plus one headless Debian Chromium. Started once for the collection.
/// </summary>
public sealed class ProductionDeployment : IAsyncLifetime
{
    public const string Collection = "production deployment";

    private PostgresServer? _postgres;
    private IPlaywright? _playwright;

    private readonly TempFolder _root = new("gbc-production-");

    public string Root => _root.Path;

    public DeploymentCertificates Certificates { get; private set; } = null!;

    public MailCatcher Mail { get; private set; } = null!;

    public SimulatorHandle Simulator { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public PortalProcess Portal { get; private set; } = null!;

    public NginxProxy Proxy { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The settings of the running portal, as environment variables.</summary>
    public Dictionary<string, string> Settings { get; private set; } = [];

    public int CallbackPort { get; private set; }

    public int UiPort { get; private set; }

    /// <summary>The address customers use: nginx, over https.</summary>
    public Uri PublicAddress => Proxy.Address;

    public string Database { get; } = PostgresServer.NewDatabaseName("production");

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        Certificates = DeploymentCertificates.Create(Path.Combine(Root, "certs"));
        Mail = new MailCatcher();
        Simulator = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            ApiUrl = "https://127.0.0.1:0",
            AdminUrl = "http://127.0.0.1:0",
            Accounts = DemoAccounts(),
            Faults = new FaultKnobs { DelaySeconds = new DelayRange(0, 1) },
            HistoryDays = 60,
            Seed = 7,
            Certificates =
            {
                ServerCertificate = Certificates.UtilityServerPfx,
                ClientCertificate = Certificates.UtilityClientPfx,
                PeerCa = Certificates.PortalCa,
            },
        });
        Admin = new HttpClient { BaseAddress = Simulator.AdminUri, Timeout = TimeSpan.FromSeconds(30) };
        _postgres = await PostgresServer.GetAsync();

        UiPort = FreePort.Next();
        CallbackPort = FreePort.Next();
        var publicPort = FreePort.Next();
        Proxy = await NginxProxy.StartAsync(Path.Combine(Root, "nginx"), publicPort, new Uri($"http://127.0.0.1:{UiPort}"),
            Certificates.PublicCrt, Certificates.PublicKey);
        Settings = ValidSettings(Certificates, Path.Combine(Root, "data"), UiPort, CallbackPort, Proxy.Address, Simulator.ApiUri,
            Mail.Port, _postgres.ConnectionString(Database));
        Portal = await PortalProcess.StartAsync(Settings, new Uri(Proxy.Address, "Account/Login"));

        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>
    /// Everything Production asks for, valid: what deploy/appsettings.Production.example.json names,
    /// pointed at this machine's servers. The start-up refusal tests take one setting away at a time.
    /// </summary>
    public static Dictionary<string, string> ValidSettings(DeploymentCertificates certificates, string dataDirectory, int uiPort,
        int callbackPort, Uri publicAddress, Uri utility, int smtpPort, string connectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["urls"] = $"http://127.0.0.1:{uiPort}",
        ["Portal__DataDirectory"] = dataDirectory,
        ["Portal__PublicBaseUrl"] = publicAddress.GetLeftPart(UriPartial.Authority),
        ["Portal__RevalidationInterval"] = "00:00:02",
        ["Utility__Mode"] = "Live",
        ["Utility__BaseUrl"] = utility.ToString(),
        ["Callback__Url"] = $"https://127.0.0.1:{callbackPort}",
        ["Callback__UtilityClientThumbprint"] = certificates.UtilityClientThumbprint,
        ["Certificates__ServerCertificate"] = certificates.PortalServerCrt,
        ["Certificates__ServerKey"] = certificates.PortalServerKey,
        ["Certificates__ClientCertificate"] = certificates.PortalClientPfx,
        ["Certificates__PeerCa"] = certificates.UtilityCa,
        ["DataProtection__Certificate"] = certificates.KeyRingPfx,
        ["DataProtection__CertificatePassword"] = DeploymentCertificates.KeyRingPassword,
        ["Email__SmtpHost"] = "127.0.0.1",
        ["Email__SmtpPort"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        ["Email__EnableSsl"] = "false",
        ["Email__From"] = "no-reply@portal.test",
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Portal"] = connectionString,
        ["Jobs__QueuePollInterval"] = "00:00:00.500",
        ["RateLimits__AccountPostsPerMinute"] = "40",
    };

    /// <summary>A browser context of its own (cookies), trusting nginx's test certificate.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = PublicAddress.ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>An HTTP client to nginx from the loopback address <paramref name="from"/> (its own rate-limit partition).</summary>
    public HttpClient PublicClient(IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true; // nginx's self-signed test certificate
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            };
        }
        return new HttpClient(handler) { BaseAddress = PublicAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client of the callback port presenting <paramref name="certificatePfx"/> (or nothing).</summary>
    public HttpClient CallbackClient(string? certificatePfx)
    {
        var ca = CertificateLoader.LoadPublic(Certificates.PortalCa);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => CertificateTrust.ForCa(ca).IsTrusted(certificate);
        if (certificatePfx is not null)
            handler.SslOptions.ClientCertificates = [CertificateLoader.LoadWithKey(certificatePfx)];
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{CallbackPort}/"), Timeout = TimeSpan.FromSeconds(15) };
    }

    public async ValueTask DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }
        if (Portal is not null)
            await Portal.DisposeAsync();
        if (Proxy is not null)
            await Proxy.DisposeAsync();
        if (Simulator is not null)
            await Simulator.DisposeAsync();
        Admin?.Dispose();
        if (Mail is not null)
            await Mail.DisposeAsync();
        if (_postgres is not null)
            await _postgres.DropDatabaseAsync(Database);
        _root.Dispose();
    }

    private static List<AccountOptions> DemoAccounts() =>
    [
        new() { ServiceId = "1000000002", Pin = "2345", IntervalSeconds = 3600, Solar = false, PowerOfTenMultiplier = 0 },
        new() { ServiceId = "1000000005", Pin = "5678", IntervalSeconds = 3600, Solar = true, PowerOfTenMultiplier = 0 },
    ];
}

[CollectionDefinition(ProductionDeployment.Collection)]
public sealed class ProductionDeploymentCollection : ICollectionFixture<ProductionDeployment>;
