using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GbcPortal.Core.Staff;

public static class StaffServiceCollectionExtensions
{
    /// <summary>Staff look-ups and actions on one service, and the pipeline's history for the staff charts.</summary>
    public static IServiceCollection AddStaffTools(this IServiceCollection services)
    {
        services.TryAddSingleton<ServiceSearch>();
        services.TryAddSingleton<ServiceDetails>();
        services.TryAddSingleton<StaffServiceActions>();
        services.TryAddSingleton<PipelineHistory>();
        services.TryAddSingleton<BacklogSampler>();
        return services;
    }
}
