using GbcPortal.Core.Persistence;
using Hangfire.Dashboard;

namespace GbcPortal.Portal.Jobs;

/// <summary>
/// Hangfire's default filter lets any local request in; the dashboard can retry and delete
/// jobs, so it takes a signed-in Staff user, from localhost too.
/// </summary>
public sealed class StaffDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(PortalRoles.Staff);
    }
}
