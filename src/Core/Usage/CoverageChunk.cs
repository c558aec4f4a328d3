using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Usage;

/// <summary>One request window of a link (verify or backfill chunk), for the coverage bar.</summary>
public sealed record CoverageChunk(DateTimeOffset WindowStart, DateTimeOffset WindowEnd, RequestKind Kind, RequestStatus Status);
