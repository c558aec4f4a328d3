using GbcPortal.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Usage;

public static class UsageServiceCollectionExtensions
{
    /// <summary>The read side the portal's pages use: usage views, exports and pipeline status.</summary>
    public static IServiceCollection AddUsage(this IServiceCollection services)
    {
        services.AddUtilityTimeZone();
        services.TryAddSingleton<UsageQueries>();
        services.TryAddSingleton<UsageExport>();
        services.TryAddSingleton<StatusQueries>();
        return services;
    }

    /// <summary><see cref="UtilityTimeZoneOptions"/>, validated at start; registered once however often it is asked for.</summary>
    public static IServiceCollection AddUtilityTimeZone(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<UtilityTimeZoneOptions>)))
            return services;
        services.AddOptions<UtilityTimeZoneOptions>().BindConfiguration(UtilityTimeZoneOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => LocalClock.TryFindZone(o.TimeZone, out _), "Utility:TimeZone is not a known time zone.")
            .ValidateOnStart();
        return services;
    }
}
