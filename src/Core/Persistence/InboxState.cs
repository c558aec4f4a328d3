namespace GbcPortal.Core.Persistence;

/// <summary>Processing state of a stored callback.</summary>
public enum InboxState
{
    Received = 0,
    Processing = 1,
    Processed = 2,
    Failed = 3,
}
