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

/// <summary>The result of <see cref="RateBudget.TryTakeAsync{T}"/>.</summary>
public sealed record BudgetTake<T>(BudgetTakeKind Kind, T? Item, DateTimeOffset At, DateTimeOffset? NextFreeAt)
    where T : class;
