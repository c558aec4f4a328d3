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
}
