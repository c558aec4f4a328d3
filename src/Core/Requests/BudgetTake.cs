using GbcPortal.Core.Persistence;

namespace GbcPortal.Core.Requests;

public enum BudgetTakeKind
{
    /// <summary>A slot was taken (and the work claimed in the same transaction).</summary>
    Taken,

    /// <summary>The window is full; try again at <see cref="BudgetTake.NextFreeAt"/>.</summary>
    Exhausted,

    /// <summary>There was budget but nothing to send; nothing was taken.</summary>
    NoWork,

    /// <summary>Dispatch is paused by staff (<see cref="BudgetTake.PauseReason"/>) or held until <see cref="BudgetTake.NextFreeAt"/>.</summary>
    Halted,
}

/// <summary>
/// Claims up to <c>room</c> requests inside the budget's locked transaction (<see cref="RateBudget.TryTakeAsync"/>), at
/// the take's instant <c>now</c>; each request claimed gets one slot.
/// </summary>
public delegate Task<IReadOnlyList<DataRequest>> BudgetClaim(PortalDbContext db, DateTimeOffset now, int room, CancellationToken cancellationToken);

/// <summary>
/// The result of <see cref="RateBudget.TryTakeAsync"/>: the claimed requests (one slot each), the instant they were
/// stamped, and when the budget next has room (null while dispatch is paused).
/// </summary>
public sealed record BudgetTake(BudgetTakeKind Kind, IReadOnlyList<DataRequest> Requests, DateTimeOffset At, DateTimeOffset? NextFreeAt,
    DispatchReason? PauseReason = null);
