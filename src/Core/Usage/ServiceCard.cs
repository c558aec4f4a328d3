using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Usage;

/// <summary>One linked service as the customer's services page shows it.</summary>
public sealed record ServiceCard(
    int LinkId,
    string ServiceId,
    LinkStatus LinkStatus,
    ServiceStatus Status,
    ReasonCode? Reason,
    DateTimeOffset LastChangeAt,
    DateTimeOffset? CoveredFrom,
    DateTimeOffset? CoveredTo,
    IReadOnlyList<CoverageChunk> Chunks,
    string? Notice = null)
{
    /// <summary>
    /// A sentence beside the status: when another account linked the same Service ID, or until when new PIN
    /// attempts are held. From <see cref="Linking.LinkMessages"/>.
    /// </summary>
    public string? Notice { get; init; } = Notice;

    /// <summary>Why it waits for staff, when it is <see cref="ServiceStatus.UnderReview"/> (a <see cref="Linking.ReviewReasons"/> code).</summary>
    public string? ReviewReason { get; init; }

    /// <summary>The customer must give a new PIN before anything else happens.</summary>
    public bool NeedsPin => Status is ServiceStatus.PinNotAccepted or ServiceStatus.AccessRevoked;

    public bool NeedsNewServiceId => Status is ServiceStatus.Inactive or ServiceStatus.Rejected;

    /// <summary>The Service ID this one replaces (a meter swap), whose usage the usage page shows with this one's.</summary>
    public string? ReplacesServiceId { get; init; }

    /// <summary>The Service ID linked as this one's replacement.</summary>
    public string? ReplacedByServiceId { get; init; }

    public int CompleteChunks => Chunks.Count(c => c.Status == RequestStatus.Complete);
}
