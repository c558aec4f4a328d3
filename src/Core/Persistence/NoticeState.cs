namespace GbcPortal.Core.Persistence;

/// <summary>Where a <see cref="LinkNotice"/> stands in the outbox.</summary>
public enum NoticeState
{
    /// <summary>Recorded with the change; not yet sent (or waiting to be retried).</summary>
    Pending = 0,

    Sent = 1,

    /// <summary>Decided not to send: switched off, already told, resolved meanwhile (see the note).</summary>
    Skipped = 2,

    /// <summary>Could not be sent before it was too old to matter.</summary>
    Abandoned = 3,
}
