using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// When the Pending backlog will have been sent at the current limit: Verify and Backfill go first and
/// at any time; Refresh requests only inside the off-peak window, so a refresh backlog found in the
/// morning waits for the evening. Dispatch sends a full window's budget at each window's start.
/// </summary>
public sealed class BacklogForecast(OffPeakWindow offPeak, IOptions<DispatchOptions> options)
{
    private readonly DispatchOptions settings = options.Value;

    /// <summary>The instant the last of the backlog goes out, sending from <paramref name="start"/> on.</summary>
    public DateTimeOffset LastSendAt(DateTimeOffset start, int anytime, int refresh)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(anytime);
        ArgumentOutOfRangeException.ThrowIfNegative(refresh);
        var window = settings.Window;
        var perWindow = settings.RequestsPerWindow;
        var last = start;
        var next = start;
        if (anytime > 0)
        {
            var windows = Windows(anytime, perWindow);
            last = start + (windows - 1) * window;
            next = start + windows * window;
        }

        var remaining = refresh;
        while (remaining > 0)
        {
            var open = offPeak.NextOpening(next);
            var close = offPeak.NextClosing(open);
            // Windows that start before the close: a send at 05:59 is still off-peak.
            var capacity = (long)Math.Ceiling((close - open) / window) * perWindow;
            if (remaining <= capacity)
            {
                last = open + (Windows(remaining, perWindow) - 1) * window;
                break;
            }

            remaining -= (int)capacity;
            next = close;
        }

        return last;
    }

    private static int Windows(int requests, int perWindow) => (requests + perWindow - 1) / perWindow;
}
