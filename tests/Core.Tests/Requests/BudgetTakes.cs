using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;

namespace GbcPortal.Core.Tests.Requests;

/// <summary>The budget's arithmetic alone: slots taken for requests that exist only in the test (each stands for one send).</summary>
internal static class BudgetTakes
{
    public static Task<BudgetTake> TakeSlotsAsync(this RateBudget budget, int max, CancellationToken cancellationToken) =>
        budget.TryTakeAsync(max, (_, _, room, _) =>
            Task.FromResult<IReadOnlyList<DataRequest>>([.. Enumerable.Range(0, room).Select(_ => new DataRequest())]), cancellationToken);

    public static Task<BudgetTake> TakeSlotAsync(this RateBudget budget, CancellationToken cancellationToken) => budget.TakeSlotsAsync(1, cancellationToken);
}
