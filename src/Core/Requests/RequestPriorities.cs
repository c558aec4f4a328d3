namespace GbcPortal.Core.Requests;

/// <summary>
/// Dispatch order, lowest first. Backfill chunks are ordered by depth, so every link gets its most
/// recent half-year before anyone's older history; refreshes come last (and only off-peak).
/// </summary>
public static class RequestPriorities
{
    public const int Verify = 0;
    public const int Backfill = 100;
    public const int Refresh = 10_000;
}
