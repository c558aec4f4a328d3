namespace GbcPortal.Core.Requests;

/// <summary>What a watchdog run did with overdue Submitted requests.</summary>
public sealed record WatchdogResult(int Resubmitted, int Failed);
