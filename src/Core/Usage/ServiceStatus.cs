namespace GbcPortal.Core.Usage;

/// <summary>What a customer reads on a service card: the link's own state, or where its requests are.</summary>
public enum ServiceStatus
{
    Pending,
    Submitted,
    Complete,
    Failed,
    PinNotAccepted,
    AccessRevoked,
    Inactive,
    Rejected,

    /// <summary>Held from dispatch until staff decide (a Service ID shared by accounts, or held after wrong PINs).</summary>
    UnderReview,

    /// <summary>Staff refused the link after a review.</summary>
    Refused,
}
