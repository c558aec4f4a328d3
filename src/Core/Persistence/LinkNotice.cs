namespace GbcPortal.Core.Persistence;

/// <summary>
/// One event about a link that may be emailed to its owner: written in the same transaction as the change
/// it reports (an outbox row), sent later by a job, and kept as the record of what was sent (the dedup reads it).
/// </summary>
public class LinkNotice
{
    public long Id { get; set; }

    public int LinkId { get; set; }

    public ServiceLink? Link { get; set; }

    public NoticeEvent Event { get; set; }

    public NoticeState State { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Not tried again before this (after a failed send).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>Set by the sender that took it; another sender leaves it alone until the claim is stale.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Why it was skipped, or that the last send failed, as a code; <see cref="Usage.StatusSentences"/> says it.</summary>
    public NoticeReason? Reason { get; set; }

    /// <summary>The mail server's error for a failed send, as data (never a PIN, never the body).</summary>
    public string? Detail { get; set; }
}
