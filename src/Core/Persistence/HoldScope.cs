namespace GbcPortal.Core.Persistence;

public enum HoldScope
{
    /// <summary>Too many wrong PINs for one Service ID.</summary>
    ServiceId = 0,

    /// <summary>Too many refused links by one account.</summary>
    Account = 1,
}
