namespace GbcPortal.Core.Requests;

/// <summary>
/// The rate budget for staff: slots used now, the limit, slots used since a time, next free slot, and how many
/// slots since that time were given back because their request never left (a dispatcher stopped before sending).
/// </summary>
public sealed record BudgetStatus(int UsedInWindow, int Limit, int UsedSince, DateTimeOffset NextFreeAt, int ReturnedSince = 0);
