namespace GbcPortal.Core.Usage;

/// <summary>A span of a joined history and the Service ID its readings are stored under (null bounds: open).</summary>
public sealed record UsageSource(string ServiceId, DateTimeOffset? From, DateTimeOffset? To);
