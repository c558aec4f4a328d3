using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Audit;

/// <summary>What the staff audit page asks for; empty fields match everything.</summary>
public sealed record AuditFilter(string? Account = null, string? ServiceId = null, AuditAction? Action = null, int Limit = 200);

/// <summary>One audit event as staff read it, with the users' addresses.</summary>
public sealed record AuditRow(
    long Id,
    DateTimeOffset At,
    AuditAction Action,
    string? ActorUserId,
    string? ActorEmail,
    string? AccountId,
    string? AccountEmail,
    string? ServiceId,
    string? Ip,
    string? Detail);
