using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GbcPortal.Core.Usage;

public static class UsageServiceCollectionExtensions
{
    /// <summary>The read side the portal's pages use: usage views, exports and pipeline status.</summary>
    public static IServiceCollection AddUsage(this IServiceCollection services)
    {
        services.TryAddSingleton<UsageQueries>();
        services.TryAddSingleton<UsageExport>();
        services.TryAddSingleton<StatusQueries>();
        return services;
    }
}
