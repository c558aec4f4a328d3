namespace GbcPortal.Core.Persistence;

/// <summary>Processing state of a stored callback.</summary>
public enum InboxState
{
    Received = 0,
    Processing = 1,
    Processed = 2,
    Failed = 3,

    /// <summary>Came for a request already Complete or Cancelled: kept for staff, ingested only by a replay.</summary>
    NotIngested = 4,
}
