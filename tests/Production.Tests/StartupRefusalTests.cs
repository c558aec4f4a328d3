using GbcPortal.Production.Tests.Deployment;

namespace GbcPortal.Production.Tests;

/// <summary>
/// In Production the portal checks its settings before it starts anything: each missing or invalid
/// one is a line naming it on standard error, and the exit code is 2; never a stack trace.
/// </summary>
public sealed class StartupRefusalTests : IClassFixture<StartupRefusalTests.ValidConfiguration>
{
    private readonly ValidConfiguration _valid;

    public StartupRefusalTests(ValidConfiguration valid) => _valid = valid;

    public static TheoryData<string, string> Missing => new()
    {
        { "Utility__BaseUrl", "Utility:BaseUrl is missing: the utility's Green Button Connect API" },
        { "Certificates__ServerCertificate", "Certificates:ServerCertificate is missing: the callback port's server certificate" },
        { "Certificates__ClientCertificate", "Certificates:ClientCertificate is missing: the client certificate the portal presents" },
        { "Certificates__PeerCa", "Certificates:PeerCa is missing: the CA that issued the utility's certificates" },
        { "Callback__UtilityClientThumbprint", "Callback:UtilityClientThumbprint is missing: the pinned thumbprint" },
        { "Portal__PublicBaseUrl", "Portal:PublicBaseUrl is missing: the address customers use" },
        { "Email__SmtpHost", "Email:SmtpHost is missing: the SMTP server" },
        { "ConnectionStrings__Portal", "ConnectionStrings:Portal is missing: the PostgreSQL connection string" },
        { "DataProtection__Certificate", "DataProtection:Certificate is missing: the certificate that encrypts the Data Protection keys" },
    };

    [Theory]
    [MemberData(nameof(Missing))]
    public async Task A_missing_setting_is_one_line_and_exit_code_2(string variable, string line)
    {
        var settings = new Dictionary<string, string>(_valid.Settings);
        settings.Remove(variable);

        var (code, output, error) = await PortalProcess.RunAsync(settings, []);

        Assert.Equal(2, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("The portal cannot start in Production: 1 setting(s) to fix.", lines.First(l => !l.StartsWith("warning:", StringComparison.Ordinal)));
        Assert.StartsWith(line, lines.Last(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "Utility__BaseUrl", "http://utility.example/", "Utility:BaseUrl is 'http://utility.example/', not an https:// address" },
        { "Portal__PublicBaseUrl", "portal.example.com", "Portal:PublicBaseUrl is 'portal.example.com', not an https:// address" },
        { "Callback__UtilityClientThumbprint", "not-a-thumbprint", "Callback:UtilityClientThumbprint is not a SHA-1 (40 hex digits) or SHA-256" },
        { "Certificates__PeerCa", "/nonexistent/utility-ca.crt", "Certificates:PeerCa names '/nonexistent/utility-ca.crt', which does not exist" },
        { "DataProtection__CertificatePassword", "wrong", "DataProtection:Certificate '" },
        { "Utility__Mode", "Simulated", "Utility:Mode is Simulated, which runs the demo utility inside the portal" },
        { "Database__Provider", "Oracle", "Database:Provider is 'Oracle'; use Sqlite or Postgres" },
        { "Callback__Url", "https://0.0.0.0:7444", "Callback:PublicUrl is missing: Callback:Url listens on every address" },
        { "urls", "127.0.0.1:5080", "urls has '127.0.0.1:5080', not an address to listen on" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task An_invalid_setting_is_one_line_and_exit_code_2(string variable, string value, string line)
    {
        var settings = new Dictionary<string, string>(_valid.Settings) { [variable] = value };

        var (code, _, error) = await PortalProcess.RunAsync(settings, []);

        Assert.Equal(2, code);
        Assert.Contains(error.Split('\n', StringSplitOptions.TrimEntries), l => l.StartsWith(line, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_set_lists_every_missing_setting_at_once()
    {
        var (code, _, error) = await PortalProcess.RunAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, []);

        Assert.Equal(2, code);
        Assert.Contains("The portal cannot start in Production: 8 setting(s) to fix.", error, StringComparison.Ordinal);
        foreach (var key in new[] { "Utility:BaseUrl", "Certificates:ServerCertificate", "Certificates:ClientCertificate", "Certificates:PeerCa",
                     "Callback:UtilityClientThumbprint", "Portal:PublicBaseUrl", "Email:SmtpHost", "DataProtection:Certificate" })
            Assert.Contains($"\n{key} is missing", "\n" + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_expiring_within_30_days_is_a_warning_not_a_refusal()
    {
        var settings = new Dictionary<string, string>(_valid.Settings);
        settings.Remove("Email__SmtpHost"); // something to stop it before it starts for real

        var (_, _, error) = await PortalProcess.RunAsync(settings, []);

        // The key ring's certificate is made to expire in 20 days.
        Assert.Contains(error.Split('\n', StringSplitOptions.TrimEntries),
            l => l.StartsWith("warning: DataProtection:Certificate 'CN=GbcPortal key ring' expires on ", StringComparison.Ordinal));
        Assert.Contains("1 setting(s) to fix", error, StringComparison.Ordinal);
    }

    /// <summary>A whole valid Production configuration (certificates on disk; no server needs to run for a refusal).</summary>
    public sealed class ValidConfiguration : IDisposable
    {
        private readonly TempFolder _root = new("gbc-refusal-");

        public ValidConfiguration()
        {
            Certificates = DeploymentCertificates.Create(_root.File("certs"));
            Settings = ProductionDeployment.ValidSettings(Certificates, _root.File("data"), FreePort.Next(), FreePort.Next(),
                new Uri("https://portal.example.com"), new Uri("https://utility.example.com/"), 25,
                "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none");
        }

        public DeploymentCertificates Certificates { get; }

        public IReadOnlyDictionary<string, string> Settings { get; }

        public void Dispose() => _root.Dispose();
    }
}
