namespace GbcPortal.Core.Ingest;

/// <summary>What one ingest run did with a stored callback.</summary>
public sealed record IngestResult(IngestOutcome Outcome, int ReadingsStored = 0, int ReadingsSkipped = 0, string? Error = null, int OutsideWindow = 0);

/// <summary>How a stored callback ended.</summary>
public enum IngestOutcome
{
    /// <summary>Usage stored; the request is Complete.</summary>
    Stored,

    /// <summary>An asynchronous UsageRequestStatus, applied like the synchronous answer.</summary>
    StatusApplied,

    /// <summary>Processed before (a duplicate job run); nothing changed.</summary>
    AlreadyProcessed,

    /// <summary>The body could not be read; the request is Failed: malformed response.</summary>
    Malformed,

    /// <summary>The request or its link is gone (unlinked); the body is kept, nothing stored.</summary>
    Ignored,

    /// <summary>The request was already Complete or Cancelled: the body is kept, nothing ingested until staff replay it.</summary>
    NotIngested,

    /// <summary>The callback named resources off the utility's host, too many of them, or several usage points; the request is Failed.</summary>
    Refused,
}
