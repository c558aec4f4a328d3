namespace GbcPortal.Core.Requests;

public enum BudgetTakeKind
{
    /// <summary>A slot was taken (and the work claimed in the same transaction).</summary>
    Taken,

    /// <summary>The window is full; try again at <see cref="BudgetTake{T}.NextFreeAt"/>.</summary>
    Exhausted,

    /// <summary>There was budget but nothing to send; nothing was taken.</summary>
    NoWork,
}

/// <summary>
/// The result of <see cref="RateBudget.TryTakeAsync{T}"/>: the claimed items (one slot each), the
/// instant they were stamped, and when the budget next has room.
/// </summary>
public sealed record BudgetTake<T>(BudgetTakeKind Kind, IReadOnlyList<T> Items, DateTimeOffset At, DateTimeOffset NextFreeAt);
