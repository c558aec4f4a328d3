namespace GbcPortal.Core.Persistence;

/// <summary>A customer's authorization to fetch one Service ID's usage, and what we know about it.</summary>
public class ServiceLink
{
    public int Id { get; set; }

    public required string OwnerId { get; set; }

    public PortalUser? Owner { get; set; }

    /// <summary>The utility's Service ID, as the customer typed it (validated digits).</summary>
    public required string ServiceId { get; set; }

    /// <summary>Data Protection ciphertext of the PIN; null once unlinked. Never the PIN itself.</summary>
    public string? ProtectedPin { get; set; }

    public LinkStatus Status { get; set; }

    /// <summary>Why the status is what it is; the words are in <see cref="Usage.StatusSentences"/>.</summary>
    public ReasonCode? StatusReason { get; set; }

    /// <summary>What the utility said in its own words when it changed the status, as it said it.</summary>
    public string? UtilityMessage { get; set; }

    /// <summary>
    /// Held from dispatch until staff decide: the Service ID is live on another account, or held after wrong PINs.
    /// </summary>
    public bool NeedsReview { get; set; }

    /// <summary>Why it is under review (a <see cref="Linking.ReviewReasons"/> code).</summary>
    public string? ReviewReason { get; set; }

    /// <summary>When staff last let this link through a review; it is not held again for a shared Service ID.</summary>
    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>When another account linked this Service ID while this link was live; shown on this link's card.</summary>
    public DateTimeOffset? SharedNoticeAt { get; set; }

    /// <summary>The IANA zone used to bucket and plan; the utility's zone until a feed says otherwise.</summary>
    public string TimeZoneId { get; set; } = "America/Los_Angeles";

    /// <summary>LocalTimeParameters from the latest feed (null until one arrives).</summary>
    public int? TzOffsetSeconds { get; set; }

    public int? DstOffsetSeconds { get; set; }

    public long? DstStartRule { get; set; }

    public long? DstEndRule { get; set; }

    /// <summary>Earliest start and latest end of the completed request windows.</summary>
    public DateTimeOffset? CoveredFrom { get; set; }

    public DateTimeOffset? CoveredTo { get; set; }

    /// <summary>End of the latest reading stored; the daily refresh starts a day before it.</summary>
    public DateTimeOffset? LastCompleteReadingAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }

    /// <summary>Bumped on every save (see <see cref="PortalDbContext"/>) so concurrent writers do not overwrite each other.</summary>
    public long Version { get; set; }

    /// <summary>
    /// The same owner's link this one replaces (a meter swap or a rate change gave the service a new Service ID):
    /// the usage pages show both as one history.
    /// </summary>
    public int? ReplacesLinkId { get; set; }

    public ServiceLink? ReplacesLink { get; set; }

    public List<DataRequest> Requests { get; set; } = [];

    /// <summary>Events about this link to email its owner about, and the record of what was sent.</summary>
    public List<LinkNotice> Notices { get; set; } = [];

    public List<ReadingTypeRow> ReadingTypes { get; set; } = [];
}
