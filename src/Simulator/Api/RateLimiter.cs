namespace GbcPortal.Simulator.Api;

/// <summary>
/// The utility's limit per Requestor (per client certificate): at most N requests in any
/// sliding 60-second window. Refused requests do not use up the budget.
/// </summary>
internal sealed class RateLimiter(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool TryAcquire(string requestor, int perMinute, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_recent.TryGetValue(requestor, out var stamps))
                _recent[requestor] = stamps = new Queue<DateTimeOffset>();
            while (stamps.Count > 0 && stamps.Peek() <= now - Window)
                stamps.Dequeue();
            if (stamps.Count >= perMinute)
            {
                // The oldest request of the window has to age out before there is room again.
                var oldest = stamps.ElementAt(stamps.Count - perMinute);
                retryAfter = oldest + Window - now;
                return false;
            }
            stamps.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }
}
