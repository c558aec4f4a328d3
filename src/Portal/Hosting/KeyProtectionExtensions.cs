using GbcPortal.Core.Gbc.Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace GbcPortal.Portal.Hosting;

/// <summary>Encrypts the Data Protection key ring with <c>DataProtection:Certificate</c> (required in Production).</summary>
public static class KeyProtectionExtensions
{
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(
        this IDataProtectionBuilder keys, IConfiguration configuration, string contentRoot, CertificateWatch watch)
    {
        var settings = configuration.GetSection(KeyProtection.Section).Get<KeyProtection>() ?? new KeyProtection();
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
