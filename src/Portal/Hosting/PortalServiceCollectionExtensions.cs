using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Accounts;
using GbcPortal.Portal.Audit;
using GbcPortal.Portal.Callbacks;
using GbcPortal.Portal.Health;
using GbcPortal.Portal.Jobs;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace GbcPortal.Portal.Hosting;

/// <summary>The Portal's one wiring: the data folder, certificates, Kestrel, accounts, jobs, security, health, pages.</summary>
public static class PortalServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => PortalDataFolder.Create(
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath, sp.GetRequiredService<IOptions<PortalOptions>>().Value.DataDirectory));
        // Core keeps its SQLite file where the portal keeps everything else.
        services.AddOptions<DatabaseOptions>().PostConfigure<PortalDataFolder>((database, folder) => database.SqliteDirectory ??= folder.Root);

        var watch = new CertificateWatch(TimeProvider.System);
        services.AddSingleton(watch);
        builder.AddPortalDataProtection(watch);
        builder.AddPortalCertificates();
        builder.AddPortalEndpoints();
        services.AddIngest();
        services.AddPortalAudit();
        builder.AddPortalIdentity();
        builder.AddUtilityMode();
        builder.AddPortalJobs();
        builder.AddPortalWebSecurity();
        builder.AddPortalHealth();
        services.AddMudServices();
        services.AddRazorComponents().AddInteractiveServerComponents();
        return builder;
    }
}
