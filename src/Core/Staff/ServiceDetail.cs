using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;

namespace GbcPortal.Core.Staff;

/// <summary>Everything staff need about one service: its owner, its state, every request and callback, its coverage.</summary>
public sealed record ServiceDetail(
    int LinkId,
    string ServiceId,
    string OwnerId,
    string? OwnerEmail,
    LinkStatus Status,
    ReasonCode? StatusReason,
    string? UtilityMessage,
    bool NeedsReview,
    string TimeZoneId,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusChangedAt,
    DateTimeOffset? CoveredFrom,
    DateTimeOffset? CoveredTo,
    DateTimeOffset? LastCompleteReadingAt,
    IReadOnlyList<ServiceRequestRow> Requests,
    IReadOnlyList<ServiceCallbackRow> Callbacks)
{
    /// <summary>The status reason's sentence and the utility's own words, as every staff page says it.</summary>
    public string? StatusReasonText => StatusSentences.ForStaff(StatusReason, UtilityMessage);

    /// <summary>Only these links are sent for, so only they can take a new window.</summary>
    public bool CanRequest => Status is LinkStatus.Pending or LinkStatus.Active;

    /// <summary>History windows (not the daily refreshes), as the customer's coverage bar shows them.</summary>
    public IReadOnlyList<CoverageChunk> Coverage => Requests.Where(r => r.Kind != RequestKind.Refresh)
        .Select(r => new CoverageChunk(r.WindowStart, r.WindowEnd, r.Kind, r.Status)).ToList();
}

/// <summary>One request of a service, with every time the pipeline stamps on it.</summary>
public sealed record ServiceRequestRow(
    int Id,
    RequestKind Kind,
    RequestStatus Status,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Attempts,
    ReasonCode? Reason,
    string? UtilityMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? FailedAt,
    DateTimeOffset StatusChangedAt,
    int? ReadingsStored,
    int? ReadingsSkipped)
{
    /// <summary>The reason's sentence and the utility's own words, as every staff page says it.</summary>
    public string? Outcome => StatusSentences.ForStaff(Reason, UtilityMessage);

    /// <summary>What <see cref="Requests.DispatchControlService.RetryRequestAsync"/> accepts (it checks the link too).</summary>
    public bool CanRetry => Status is RequestStatus.Failed or RequestStatus.Paused;
}

/// <summary>One callback the utility sent for a request of the service, and what its ingest made of it.</summary>
public sealed record ServiceCallbackRow(
    int Id,
    int? DataRequestId,
    DateTimeOffset ReceivedAt,
    InboxState State,
    CallbackProblem? Problem,
    string? Detail,
    int? Count,
    DateTimeOffset? ProcessedAt,
    int Attempts)
{
    /// <summary>What ingest found, as staff read it (one table of sentences); null when nothing was wrong.</summary>
    public string? Result => StatusSentences.For(Problem, Detail, Count);

    /// <summary>Not while an ingest may be running it.</summary>
    public bool CanReplay => State is not (InboxState.Received or InboxState.Processing);
}
