using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GbcPortal.Core.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// The ingest service. Notify resources are fetched with the <c>GbcClient</c>; request
    /// outcomes go through the request pipeline's <c>RequestOutcomes</c>.
    /// </summary>
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.TryAddSingleton<IIngestProbe, NoIngestProbe>();
        services.TryAddScoped<IFeedSource, GbcClientFeedSource>();
        services.AddScoped<IngestService>();
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CallbackBodyRetention>();
        return services;
    }
}
