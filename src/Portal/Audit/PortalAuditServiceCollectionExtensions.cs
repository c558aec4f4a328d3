using Microsoft.AspNetCore.Components.Server.Circuits;

namespace GbcPortal.Portal.Audit;

public static class PortalAuditServiceCollectionExtensions
{
    /// <summary>What pages need to tell the audit log where an action came from.</summary>
    public static IServiceCollection AddPortalAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ClientAddress>();
        services.AddScoped<CircuitHandler, ClientAddressCircuitHandler>();
        return services;
    }
}
