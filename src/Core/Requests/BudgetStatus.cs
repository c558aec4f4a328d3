namespace GbcPortal.Core.Requests;

/// <summary>The rate budget for staff: slots used now, the limit, slots used since a time, next free slot.</summary>
public sealed record BudgetStatus(int UsedInWindow, int Limit, int UsedSince, DateTimeOffset NextFreeAt);
