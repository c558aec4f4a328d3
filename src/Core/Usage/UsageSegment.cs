namespace GbcPortal.Core.Usage;

/// <summary>
/// The readings of one link a usage view takes: its series, within [<paramref name="From"/>, <paramref name="To"/>)
/// in UTC epoch seconds (null: unbounded). A service whose Service ID was replaced (a meter swap) is read as one
/// segment per link, each up to where the next takes over.
/// </summary>
internal sealed record UsageSegment(int LinkId, UsageReadingTypes Types, long? From = null, long? To = null);
