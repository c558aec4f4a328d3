namespace GbcPortal.Core.Persistence;

/// <summary>
/// Who did what to which account or Service ID, when and from where. Never a PIN, never a callback body.
/// Kept for <c>Audit:RetentionDays</c>.
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>The user who acted; null for the portal itself (a hold placed after a refusal).</summary>
    public string? ActorUserId { get; set; }

    /// <summary>The customer account the event is about.</summary>
    public string? AccountId { get; set; }

    public string? ServiceId { get; set; }

    /// <summary>The actor's address as the portal saw it.</summary>
    public string? Ip { get; set; }

    /// <summary>A short note (which decision, which request); never a secret.</summary>
    public string? Detail { get; set; }
}
