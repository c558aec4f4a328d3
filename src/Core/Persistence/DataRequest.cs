namespace GbcPortal.Core.Persistence;

/// <summary>One usage request for one window of one link: sent once, retried as needed, completed by a callback.</summary>
public class DataRequest
{
    public int Id { get; set; }

    public int LinkId { get; set; }

    public ServiceLink? Link { get; set; }

    /// <summary>Our requestId on the wire; the utility echoes it in X-GBC-Request-Id. Kept across resubmissions.</summary>
    public Guid RequestId { get; set; }

    /// <summary>The utility's id from its 202 receipt.</summary>
    public string? UtilityRequestId { get; set; }

    public DateTimeOffset WindowStart { get; set; }

    public DateTimeOffset WindowEnd { get; set; }

    public RequestKind Kind { get; set; }

    /// <summary>Dispatch order, lowest first: Verify, then Backfill by depth (newest chunk of every link first), then Refresh.</summary>
    public int Priority { get; set; }

    public RequestStatus Status { get; set; }

    /// <summary>How many times it has been sent.</summary>
    public int Attempts { get; set; }

    /// <summary>Not sent before this instant (backoff after 429/503 or a lost callback).</summary>
    public DateTimeOffset NotBefore { get; set; }

    /// <summary>Why it is where it is (the utility's answer, a backoff, an error); the words are in <see cref="Usage.StatusSentences"/>.</summary>
    public ReasonCode? OutcomeReason { get; set; }

    /// <summary>What the utility said about it in its own words (a UsageRequestStatus message, an HTTP error body), as it said it.</summary>
    public string? UtilityMessage { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }

    /// <summary>Readings stored and readings skipped (gas, water) by the ingest of its callback.</summary>
    public int? ReadingsStored { get; set; }

    public int? ReadingsSkipped { get; set; }

    /// <summary>
    /// The dispatcher (<see cref="DispatcherRow.Id"/>) that took a budget slot for it and is sending it. A claimed
    /// request stays Pending until the utility's 202 is recorded, so nothing is Submitted that was not sent.
    /// </summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>Set, under the claim, just before the POST: from then on the utility may have it, so it is not sent again blindly.</summary>
    public DateTimeOffset? SendStartedAt { get; set; }

    /// <summary>Optimistic concurrency token, bumped on every save, so two workers never send the same request.</summary>
    public long Version { get; set; }
}
