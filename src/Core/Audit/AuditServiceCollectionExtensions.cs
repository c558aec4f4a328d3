using Microsoft.Extensions.DependencyInjection;

namespace GbcPortal.Core.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log with its validated options (section <c>Audit</c>).</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuditLog>();
        return services;
    }
}
