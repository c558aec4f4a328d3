namespace GbcPortal.Core.Persistence;

/// <summary>The state of one data request.</summary>
public enum RequestStatus
{
    /// <summary>Waiting to be sent (possibly not before <see cref="DataRequest.NotBefore"/>).</summary>
    Pending = 0,

    /// <summary>Accepted by the utility (or being sent); waiting for the callback.</summary>
    Submitted = 1,

    /// <summary>The callback was stored and ingested.</summary>
    Complete = 2,

    /// <summary>Given up; <see cref="DataRequest.OutcomeReason"/> says why. Staff can retry it.</summary>
    Failed = 3,

    /// <summary>Held until the customer gives a new PIN.</summary>
    Paused = 4,

    /// <summary>Stopped for good (unlinked, or the Service ID is inactive or unknown).</summary>
    Cancelled = 5,
}
