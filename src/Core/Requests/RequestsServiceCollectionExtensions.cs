using GbcPortal.Core.Audit;
using GbcPortal.Core.Linking;
using GbcPortal.Core.Usage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GbcPortal.Core.Requests;

public static class RequestsServiceCollectionExtensions
{
    /// <summary>
    /// Linking, planning and dispatch services with their validated options (sections <c>Linking</c>,
    /// <c>Planning</c>, <c>Dispatch</c>). The host registers an <see cref="IUtilityClient"/>.
    /// </summary>
    public static IServiceCollection AddRequestPipeline(this IServiceCollection services)
    {
        services.AddOptions<LinkingOptions>().BindConfiguration(LinkingOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PlanningOptions>().BindConfiguration(PlanningOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DispatchOptions>().BindConfiguration(DispatchOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.OffPeakStart != o.OffPeakEnd && o.OffPeakStart < TimeSpan.FromDays(1) && o.OffPeakEnd < TimeSpan.FromDays(1)
                && o.OffPeakStart >= TimeSpan.Zero && o.OffPeakEnd >= TimeSpan.Zero, "Dispatch:OffPeakStart/End must be distinct times of day.")
            .Validate(o => o.MaxBackoffSeconds >= o.BaseBackoffSeconds, "Dispatch:MaxBackoffSeconds must be at least BaseBackoffSeconds.")
            .ValidateOnStart();

        services.AddUtilityTimeZone();
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PinProtector>();
        services.AddSingleton<LinkInputRules>();
        services.AddSingleton<RequestStatusNotifier>();
        services.AddSingleton<OffPeakWindow>();
        services.AddSingleton<BacklogForecast>();
        services.AddSingleton<CapacityQueries>();
        services.AddSingleton<RequestPlanner>();
        services.AddSingleton<DispatchRate>();
        services.AddSingleton<RateBudget>();
        services.AddSingleton<RequestOutcomes>();
        services.AddSingleton<ConnectionDrops>();
        services.AddSingleton<DispatchHalts>();
        services.AddSingleton<DispatchClaims>();
        services.AddSingleton<SendRecorder>();
        services.AddSingleton<DispatchControlService>();
        services.AddSingleton<WatchdogService>();
        services.AddSingleton<DispatcherIdentity>();
        services.AddSingleton<DispatcherHeartbeat>();
        services.AddSingleton<ClaimRecovery>();
        services.AddSingleton<LinkService>();
        services.AddSingleton<LinkReviews>();
        services.AddSingleton<LinkSupervision>();
        services.AddAudit();
        // Resolved lazily: IUtilityClient comes from the host (GBC client or a fake), possibly registered later.
        services.AddScoped(sp => ActivatorUtilities.CreateInstance<DispatchSender>(sp));
        services.AddScoped(sp => ActivatorUtilities.CreateInstance<DispatchService>(sp));
        return services;
    }
}
