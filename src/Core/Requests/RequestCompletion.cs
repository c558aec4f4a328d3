using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Requests;

/// <summary>
/// What ingest learned from a request's callback: the end of the latest reading stored (null when the
/// window held none), counts, and the feed's local time rules, if it had any.
/// </summary>
public sealed record RequestCompletion(
    DateTimeOffset? LastReadingEnd,
    int ReadingsStored,
    int ReadingsSkipped = 0,
    LocalTimeParameters? LocalTime = null);
