using GbcPortal.Core.Gbc.Certificates;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Audit;
using GbcPortal.Portal.Hosting;
using Microsoft.AspNetCore.DataProtection;

namespace GbcPortal.Portal.Extensions;

/// <summary>Wires the host: data folder, certificates, Kestrel endpoints, Identity, Hangfire, demo mode.</summary>
public static class PortalExtensions
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var settings = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var folder = PortalDataFolder.Create(builder.Environment.ContentRootPath, settings.DataDirectory);
        builder.Services.AddSingleton(folder);
        builder.Services.AddHostedService<DatabaseInitializer>(); // first: everything after it needs the schema

        // Keys in the data folder: an encrypted PIN must still decrypt after a restart. On PostgreSQL
        // the keys live in the shared database, so a PIN one instance encrypted decrypts on every other.
        var keys = builder.Services.AddDataProtection().SetApplicationName("GbcPortal");
        if (builder.Configuration.GetDatabaseProvider() == DatabaseProvider.Postgres)
            keys.PersistKeysToDbContext<PortalDbContext>();
        else
            keys.PersistKeysToFileSystem(new DirectoryInfo(folder.KeysDirectory));
        var watch = new CertificateWatch(TimeProvider.System);
        builder.Services.AddSingleton(watch);
        keys.ProtectKeysWithConfiguredCertificate(builder.Configuration, builder.Environment.ContentRootPath, watch);

        var certificates = builder.AddPortalCertificates(folder);
        watch.Add("Certificates:ServerCertificate", certificates.Portal.Server);
        watch.Add("Certificates:ClientCertificate", certificates.Portal.Client);
        watch.Add("Certificates:PeerCa", certificates.Portal.PeerTrust.Ca);
        builder.AddPortalEndpoints(CallbackCertificates.From(certificates.Portal, certificates.Options,
            builder.Configuration[$"{CallbackOptions.Section}:{nameof(CallbackOptions.UtilityClientThumbprint)}"]));
        builder.Services.AddIngest();
        builder.Services.AddPortalAudit();
        builder.AddPortalIdentity(folder);
        builder.AddUtilityMode();
        builder.AddPortalHangfire(folder);
        return builder;
    }

    /// <summary>
    /// The portal's certificates. In Development (and in demo mode) an empty
    /// <c>Certificates:Directory</c> means the dev set in the data folder, made on first start.
    /// </summary>
    private static (PartyCertificates Portal, CertificatesOptions Options) AddPortalCertificates(
        this WebApplicationBuilder builder, PortalDataFolder folder)
    {
        var section = builder.Configuration.GetSection(CertificatesOptions.SectionName);
        var options = section.Get<CertificatesOptions>() ?? new CertificatesOptions();
        var makeDevSet = builder.Environment.IsDevelopment() || UtilityModeExtensions.IsSimulated(builder.Configuration);
        var noFiles = string.IsNullOrWhiteSpace(options.ServerCertificate) && string.IsNullOrWhiteSpace(options.ClientCertificate);
        if (makeDevSet && noFiles && string.IsNullOrWhiteSpace(options.Directory))
        {
            options.Directory = folder.CertificatesDirectory;
            // The client and the in-process simulator bind the same section: let them see it too.
            builder.Configuration[$"{CertificatesOptions.SectionName}:{nameof(CertificatesOptions.Directory)}"] = options.Directory;
        }
        var portal = CertificateLoader.Resolve(options, CertificateParty.Portal, makeDevSet);
        builder.Services.AddSingleton(portal);
        return (portal, options);
    }
}
