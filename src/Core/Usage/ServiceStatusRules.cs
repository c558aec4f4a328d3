using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Usage;

/// <summary>Turns a link and its requests into the one status word a customer sees.</summary>
public static class ServiceStatusRules
{
    public static (ServiceStatus Status, ReasonCode? Reason) Describe(LinkStatus link, ReasonCode? linkReason,
        IReadOnlyCollection<(RequestStatus Status, ReasonCode? Reason)> requests)
    {
        switch (link)
        {
            case LinkStatus.PinNotAccepted: return (ServiceStatus.PinNotAccepted, linkReason);
            case LinkStatus.AccessRevoked: return (ServiceStatus.AccessRevoked, linkReason);
            case LinkStatus.Inactive: return (ServiceStatus.Inactive, linkReason);
            case LinkStatus.Rejected: return (ServiceStatus.Rejected, linkReason);
            case LinkStatus.Refused: return (ServiceStatus.Refused, linkReason);
            case LinkStatus.FileOnly: return (ServiceStatus.Complete, null); // all it will ever hold arrived with the file
        }
        // Work still under way is what the customer waits for; a failure shows once nothing is left.
        if (requests.Any(r => r.Status == RequestStatus.Submitted))
            return (ServiceStatus.Submitted, linkReason);
        if (requests.Any(r => r.Status == RequestStatus.Pending))
            return (ServiceStatus.Pending, linkReason);
        if (requests.FirstOrDefault(r => r.Status == RequestStatus.Failed) is { Status: RequestStatus.Failed } failed)
            return (ServiceStatus.Failed, failed.Reason);
        return requests.Any(r => r.Status == RequestStatus.Complete)
            ? (ServiceStatus.Complete, null)
            : (ServiceStatus.Pending, linkReason);
    }
}
