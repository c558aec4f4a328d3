namespace GbcPortal.Core.Persistence;

/// <summary>
/// Why a service email was not sent, or not yet (<see cref="LinkNotice.Reason"/>), stored as its name; the sentences are in
/// <see cref="Usage.StatusSentences"/>.
/// </summary>
public enum NoticeReason
{
    /// <summary>The account turned service emails off.</summary>
    EmailsOff,

    /// <summary>The account has no address that may be used (none, or not confirmed while confirmation is required).</summary>
    NoConfirmedAddress,

    /// <summary>The link is no longer in the state the event reports.</summary>
    OutOfDate,

    /// <summary>The same news was sent for this link (for a problem: within the repeat interval).</summary>
    AlreadySent,

    /// <summary>The last send failed (<see cref="LinkNotice.Detail"/> has the mail server's error); tried again with backoff.</summary>
    SendFailed,
}
