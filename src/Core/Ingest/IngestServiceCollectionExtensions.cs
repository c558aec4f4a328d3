using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GbcPortal.Core.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// The ingest service. Notify resources are fetched with the <c>GbcClient</c>; the host
    /// provides <see cref="IUsageStatusHandler"/> (the request pipeline).
    /// </summary>
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.TryAddSingleton<IIngestProbe, NoIngestProbe>();
        services.TryAddScoped<IFeedSource, GbcClientFeedSource>();
        services.AddScoped<IngestService>();
        return services;
    }
}
