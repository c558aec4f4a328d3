namespace GbcPortal.Core.Persistence;

/// <summary>What an <see cref="AuditEvent"/> records; stored by name so the log reads without this enum.</summary>
public enum AuditAction
{
    AccountCreated,
    Linked,
    PinChanged,
    Unlinked,
    LinkRefusedByPortal,
    HoldPlaced,
    HoldLifted,
    ReviewDecided,
    LinkLimitChanged,
    DispatchPaused,
    DispatchResumed,
    RequestRetried,
    CallbackReplayed,

    /// <summary>Staff asked the utility again for a window of a service (the detail says which request).</summary>
    WindowRequested,

    /// <summary>The <c>staff add</c> command gave an account the Staff role (or made it).</summary>
    StaffAdded,

    /// <summary>The <c>staff remove</c> command took the Staff role away.</summary>
    StaffRemoved,

    /// <summary>Staff set the utility's rate limit in force on /staff (or put it back to the configured one).</summary>
    RateLimitChanged,
}
