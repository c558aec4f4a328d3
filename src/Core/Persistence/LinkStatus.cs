namespace GbcPortal.Core.Persistence;

/// <summary>Where a customer's link to a Service ID stands.</summary>
public enum LinkStatus
{
    /// <summary>Linked; no request has completed yet, so the PIN is not proven.</summary>
    Pending = 0,

    /// <summary>At least one request completed: the PIN works.</summary>
    Active = 1,

    /// <summary>The utility refused the PIN of a new link; the customer should check it.</summary>
    PinNotAccepted = 2,

    /// <summary>The PIN worked before and is now refused (changed or deleted by the customer).</summary>
    AccessRevoked = 3,

    /// <summary>The Service ID is no longer active (meter swap, rate change); a new one must be linked.</summary>
    Inactive = 4,

    /// <summary>The utility does not know the Service ID (typically a typo).</summary>
    Rejected = 5,

    /// <summary>The customer unlinked it; requests stopped and the PIN deleted.</summary>
    Unlinked = 6,

    /// <summary>Staff refused it after a review (a Service ID shared by accounts or held after wrong PINs).</summary>
    Refused = 7,

    /// <summary>
    /// Not a Service ID at the utility: readings from a Green Button file the customer uploaded.
    /// Nothing is ever requested for it (no PIN, never Pending or Active).
    /// </summary>
    FileOnly = 8,
}
