using System.Net;
using System.Security.Cryptography.X509Certificates;
using GbcPortal.Core.Gbc.Certificates;
using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Callbacks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace GbcPortal.Testing;

/// <summary>
/// The real portal (its Program) in Development on real Kestrel: every port dynamic, a temp data
/// folder, the dev certificates made there, the staff account seeded. By default Live against a
/// utility that is not there (port 9) with no recurring jobs: settings given here change that (a
/// null value removes a default), services given here replace the portal's.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly TempFolder _dataFolder = new("gbc-portal-");

    /// <param name="settings">Settings over the defaults; a null value removes the default.</param>
    /// <param name="services">Test services, applied after the portal's own.</param>
    /// <param name="staffPassword">
    /// The seeded staff account's password; null keeps the one appsettings.Development.json seeds
    /// (<see cref="DevelopmentStaffPassword"/>, the README's), so a test can sign in with what a developer would.
    /// </param>
    public PortalFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
        string? staffPassword = TestStaffPassword)
    {
        StaffPassword = staffPassword ?? DevelopmentStaffPassword;
        _settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Callback:Url"] = "https://127.0.0.1:0",
            ["Portal:DataDirectory"] = DataDirectory,
            ["Portal:SeedStaffAccount"] = "true",
            ["Portal:StaffPassword"] = staffPassword,
            ["Utility:Mode"] = "Live",
            ["Utility:BaseUrl"] = "https://127.0.0.1:9/",
            ["Jobs:RegisterRecurringJobs"] = "false",
            ["Jobs:QueuePollInterval"] = "00:00:00.200",
        };
        if (staffPassword is null)
            _settings.Remove("Portal:StaffPassword");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
                _settings.Remove(key);
            else
                _settings[key] = value;
        }
        _services = services;
        UseKestrel();
    }

    /// <summary>The seeded staff account's address (the portal's default <c>Portal:StaffEmail</c>).</summary>
    public const string StaffEmail = "staff@gbcportal.local";

    /// <summary>The staff password a factory seeds unless told otherwise.</summary>
    public const string TestStaffPassword = "Staff-Test-2026!";

    /// <summary>The staff password src/Portal/appsettings.Development.json seeds (README).</summary>
    public const string DevelopmentStaffPassword = "Staff-Demo-2026!";

    /// <summary>The seeded staff account's password.</summary>
    public string StaffPassword { get; }

    public string DataDirectory => _dataFolder.Path;

    public string CertificatesDirectory => Path.Combine(DataDirectory, "certs");

    public DevCertificateSet DevCertificates => Core.Gbc.Certificates.DevCertificates.Load(CertificatesDirectory);

    /// <summary>The UI's address (plain HTTP).</summary>
    public Uri UiAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
        .Addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));

    public Uri CallbackAddress => Services.GetRequiredService<CallbackBinding>().CallbackUri;

    public IDbContextFactory<PortalDbContext> Databases => Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    /// <summary>An HTTPS client for the callback port presenting <paramref name="clientCertificate"/>.</summary>
    public HttpClient CallbackClient(X509Certificate2? clientCertificate)
    {
        var ca = DevCertificates.Ca;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            CertificateTrust.ForCa(ca).IsTrusted(certificate);
        if (clientCertificate is not null)
            handler.SslOptions.ClientCertificates = [clientCertificate];
        return new HttpClient(handler) { BaseAddress = CallbackAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client for the UI that keeps cookies and does not follow redirects.</summary>
    public HttpClient UiClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = UiAddress,
    };

    /// <summary>
    /// A customer account (or, with <paramref name="role"/>, another role) with a unique address.
    /// </summary>
    public async Task<PortalUser> AddUserAsync(string name, string role = PortalRoles.Customer)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var email = name.Contains('@') ? name : $"{name}-{Guid.NewGuid():N}@example.test";
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "Customer-Test-2026!")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    /// <summary>
    /// A UI client holding the cookie the sign-in page would issue to <paramref name="email"/> (made
    /// by the portal's own Identity and cookie protector; the page itself is the browser tests'
    /// business). An unknown address becomes a new account in <paramref name="role"/>.
    /// </summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string role = PortalRoles.Customer)
    {
        PortalUser? user;
        await using (var scope = Services.CreateAsyncScope())
            user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
        return await SignedInClientAsync(user ?? await AddUserAsync(email, role));
    }

    public async Task<HttpClient> SignedInClientAsync(PortalUser user)
    {
        await using var scope = Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
        var cookie = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = new AuthenticationTicket(principal, IdentityConstants.ApplicationScheme);
        var client = UiClient();
        client.DefaultRequestHeaders.Add("Cookie", $"{cookie.Cookie.Name}={cookie.TicketDataFormat.Protect(ticket)}");
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (_services is not null)
            builder.ConfigureTestServices(_services);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        // SQLite may hold a file a moment longer; a temp folder left behind is harmless.
        _dataFolder.Dispose();
    }
}
