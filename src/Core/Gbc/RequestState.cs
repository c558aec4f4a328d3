namespace GbcPortal.Core.Gbc;

/// <summary>The <c>status</c> of a UsageRequestStatus: refused for what was asked, or failed while processing.</summary>
public enum RequestState
{
    Rejected,
    Failed,
}
