using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;

namespace GbcPortal.Core.Usage;

/// <summary>The pipeline at a glance, for staff.</summary>
/// <remarks><see cref="PausedReason"/> and <see cref="Alert"/> are sentences from <see cref="StatusSentences"/>, made from the stored codes.</remarks>
public sealed record StaffOverview(
    DateTimeOffset At,
    IReadOnlyDictionary<RequestStatus, int> ByStatus,
    BudgetStatus Budget,
    int Backlog,
    int RefreshBacklog,
    DateTimeOffset? DrainsAt,
    bool Paused,
    string? PausedReason,
    DateTimeOffset? HoldUntil,
    string? Alert,
    IReadOnlyList<StaffRequestRow> Overdue,
    IReadOnlyList<StaffRequestRow> RecentFailures,
    IReadOnlyList<StaffInboxRow> FailedIngests)
{
    /// <summary><see cref="ByStatus"/> counts Complete requests completed within this much before <see cref="At"/>; the other statuses, all.</summary>
    public static readonly TimeSpan CompletedWithin = TimeSpan.FromHours(24);

    public int Count(RequestStatus status) => ByStatus.TryGetValue(status, out var n) ? n : 0;

    /// <summary>How long until the last Pending request goes out; null while dispatch is paused.</summary>
    public TimeSpan? DrainEstimate => DrainsAt is { } at ? at - At : null;
}

/// <summary>A request as the staff page lists it.</summary>
public sealed record StaffRequestRow(
    int Id,
    string ServiceId,
    RequestKind Kind,
    RequestStatus Status,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Attempts,
    ReasonCode? Reason,
    string? UtilityMessage,
    DateTimeOffset StatusChangedAt,
    DateTimeOffset? SubmittedAt)
{
    /// <summary>The reason's sentence and the utility's own words, as every staff page says it.</summary>
    public string? ReasonText => StatusSentences.ForStaff(Reason, UtilityMessage);
}

/// <summary>A stored callback that could not be ingested.</summary>
public sealed record StaffInboxRow(int Id, Guid RequestId, int? DataRequestId, DateTimeOffset ReceivedAt,
    CallbackProblem? Problem, string? Detail, int? Count, int Attempts)
{
    /// <summary>What ingest found, as staff read it (one table of sentences).</summary>
    public string? Result => StatusSentences.For(Problem, Detail, Count);
}
