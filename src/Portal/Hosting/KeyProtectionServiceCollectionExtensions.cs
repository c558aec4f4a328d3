using GbcPortal.Core.Persistence;
using GbcPortal.Core.Gbc.Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Hosting;

/// <summary>
/// Data Protection, which encrypts every stored PIN: the key ring in the data folder (SQLite) or the shared database
/// (PostgreSQL), encrypted with <c>DataProtection:Certificate</c> (required in Production).
/// </summary>
public static class KeyProtectionServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalDataProtection(this WebApplicationBuilder builder, CertificateWatch watch)
    {
        builder.Services.AddOptions<KeyProtectionOptions>().BindConfiguration(KeyProtectionOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        // Keys in the data folder: an encrypted PIN must still decrypt after a restart. On PostgreSQL
        // the keys live in the shared database, so a PIN one instance encrypted decrypts on every other.
        var keys = builder.Services.AddDataProtection().SetApplicationName("GbcPortal");
        if (builder.Configuration.GetDatabaseProvider() == DatabaseProvider.Postgres)
            keys.PersistKeysToDbContext<PortalDbContext>();
        else
            builder.Services.AddOptions<KeyManagementOptions>().Configure<PortalDataFolder, ILoggerFactory>((options, folder, loggers) =>
                options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder.KeysDirectory), loggers));
        keys.ProtectKeysWithConfiguredCertificate(builder.Configuration, builder.Environment.ContentRootPath, watch);
        return builder;
    }

    // Read while registering: the key ring's decryptors take the certificates themselves, through the builder only.
    private static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(
        this IDataProtectionBuilder keys, IConfiguration configuration, string contentRoot, CertificateWatch watch)
    {
        var settings = configuration.GetSection(KeyProtectionOptions.SectionName).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        if (string.IsNullOrWhiteSpace(settings.Certificate))
            return keys; // Development: the keys sit in the data folder unencrypted, as the README says
        var keyPath = string.IsNullOrWhiteSpace(settings.CertificateKey) ? null : Path.GetFullPath(settings.CertificateKey, contentRoot);
        var certificate = CertificateLoader.LoadWithKey(Path.GetFullPath(settings.Certificate, contentRoot), keyPath, settings.CertificatePassword);
        watch.Add("DataProtection:Certificate", certificate);
        var previous = settings.PreviousCertificates
            .Select(path => CertificateLoader.LoadWithKey(Path.GetFullPath(path, contentRoot), null, settings.CertificatePassword));
        // On Linux the decryptor does not search a certificate store: it is handed the certificates.
        return keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate([certificate, .. previous]);
    }
}
