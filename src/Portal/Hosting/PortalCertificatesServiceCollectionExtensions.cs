using GbcPortal.Core.Gbc.Certificates;
using GbcPortal.Portal.Callbacks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Hosting;

/// <summary>Registers <see cref="PortalCertificates"/> and what it resolves.</summary>
public static class PortalCertificatesServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalCertificates(this WebApplicationBuilder builder)
    {
        var devSet = builder.Environment.IsDevelopment() || UtilityModeServiceCollectionExtensions.IsSimulated(builder.Configuration);
        builder.Services.AddOptions<CertificatesOptions>().BindConfiguration(CertificatesOptions.SectionName)
            .PostConfigure<PortalDataFolder>((options, folder) =>
            {
                var named = !string.IsNullOrWhiteSpace(options.ServerCertificate) || !string.IsNullOrWhiteSpace(options.ClientCertificate)
                    || !string.IsNullOrWhiteSpace(options.Directory);
                if (devSet && !named)
                    options.Directory = folder.CertificatesDirectory;
            })
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => new PortalCertificates(
            services.GetRequiredService<IOptions<CertificatesOptions>>().Value,
            services.GetRequiredService<IOptions<CallbackOptions>>().Value.UtilityClientThumbprint,
            devSet,
            services.GetRequiredService<CertificateWatch>()));
        // Core's AddGbc resolves the client's certificates alone when no host does; the portal's resolution replaces it.
        builder.Services.RemoveAll<PartyCertificates>();
        builder.Services.AddSingleton(services => services.GetRequiredService<PortalCertificates>().Portal);
        builder.Services.AddSingleton(services => services.GetRequiredService<PortalCertificates>().Callback);
        return builder;
    }
}
