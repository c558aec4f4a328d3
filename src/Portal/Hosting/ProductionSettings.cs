using GbcPortal.Core.Gbc;
using GbcPortal.Core.Gbc.Certificates;
using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Accounts;
using GbcPortal.Portal.Callbacks;

namespace GbcPortal.Portal.Hosting;

/// <summary>
/// What a Production deployment must say before the portal starts anything: the utility's address,
/// the certificates the utility issued or asked for, the pin on its client certificate, the public
/// address emailed links start with, a mail server, the database and the key-protection certificate.
/// Each problem is one line naming the setting, so an operator fixes them all in one pass.
/// </summary>
public static class ProductionSettings
{
    /// <summary>Certificates expiring sooner than this are reported at start and on /staff.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    public static SettingsReport Check(IConfiguration configuration, string contentRoot, DateTimeOffset now)
    {
        var report = new SettingsReport(contentRoot, now);

        if (UtilityModeServiceCollectionExtensions.IsSimulated(configuration))
            report.Error(UtilityModeServiceCollectionExtensions.ModeKey, "is Simulated, which runs the demo utility inside the portal; Production needs Live");
        report.HttpsUrl(configuration, $"{GbcClientOptions.SectionName}:{nameof(GbcClientOptions.BaseUrl)}",
            "the utility's Green Button Connect API (its QA or production endpoint)");

        var certificates = CertificatesOptions.SectionName;
        report.CertificateWithKey(configuration, $"{certificates}:ServerCertificate", $"{certificates}:ServerKey", $"{certificates}:ServerPassword",
            "the callback port's server certificate, which the utility's client checks");
        report.CertificateWithKey(configuration, $"{certificates}:ClientCertificate", $"{certificates}:ClientKey", $"{certificates}:ClientPassword",
            "the client certificate the portal presents to the utility");
        report.PublicCertificate(configuration, $"{certificates}:PeerCa", "the CA that issued the utility's certificates");
        report.Thumbprint(configuration, $"{CallbackOptions.SectionName}:{nameof(CallbackOptions.UtilityClientThumbprint)}",
            "the pinned thumbprint of the utility's client certificate: only it may post callbacks");

        var callback = configuration[$"{CallbackOptions.SectionName}:{nameof(CallbackOptions.Url)}"] ?? new CallbackOptions().Url;
        if (ListenUrls.Parse(callback) is not { } listen)
            report.Error($"{CallbackOptions.SectionName}:{nameof(CallbackOptions.Url)}", $"is '{callback}', not an address to listen on");
        else if (listen.IsEveryAddress()
            && string.IsNullOrWhiteSpace(configuration[$"{CallbackOptions.SectionName}:{nameof(CallbackOptions.PublicUrl)}"]))
            report.Error($"{CallbackOptions.SectionName}:{nameof(CallbackOptions.PublicUrl)}",
                $"is missing: Callback:Url listens on every address ({callback}), so the utility must be told where to post callbacks");

        report.HttpsUrl(configuration, $"{PortalOptions.SectionName}:{nameof(PortalOptions.PublicBaseUrl)}",
            "the address customers use, which every emailed link starts with");
        report.Required(configuration, $"{EmailOptions.SectionName}:{nameof(EmailOptions.SmtpHost)}",
            "the SMTP server account emails are sent through");

        var provider = configuration["Database:Provider"];
        if (!string.IsNullOrWhiteSpace(provider) && !Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out _))
            report.Error("Database:Provider", $"is '{provider}'; use Sqlite or Postgres");
        else if (configuration.GetDatabaseProvider() == DatabaseProvider.Postgres)
            report.Required(configuration, "ConnectionStrings:Portal", "the PostgreSQL connection string (Database:Provider is Postgres)");

        report.CertificateWithKey(configuration, $"{KeyProtectionOptions.SectionName}:{nameof(KeyProtectionOptions.Certificate)}",
            $"{KeyProtectionOptions.SectionName}:{nameof(KeyProtectionOptions.CertificateKey)}", $"{KeyProtectionOptions.SectionName}:{nameof(KeyProtectionOptions.CertificatePassword)}",
            "the certificate that encrypts the Data Protection keys (and so the PINs) at rest");

        var urls = ListenUrls.UiSetting(configuration).Select(url => (Text: url, Url: ListenUrls.Parse(url))).ToList();
        foreach (var (text, _) in urls.Where(u => u.Url is null))
            report.Error("urls", $"has '{text}', not an address to listen on");
        if (urls.Any(u => u.Url?.IsHttps() == true))
            report.CertificateWithKey(configuration, "Kestrel:Certificates:Default:Path", "Kestrel:Certificates:Default:KeyPath",
                "Kestrel:Certificates:Default:Password", "the certificate for the https:// address in urls");
        return report;
    }
}
