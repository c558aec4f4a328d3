using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// When the Pending backlog will have been sent at a rate: new links' work (Verify and Backfill) goes out at any
/// time, Refresh requests only inside the off-peak window, so a refresh backlog found in the morning waits for the
/// evening; off-peak, while both wait, new links' work gets its share (<see cref="DispatchOptions.OffPeakNewLinkShare"/>)
/// and refreshes the rest, as the dispatcher splits them. Dispatch sends a full window's budget at each window's start.
/// </summary>
public sealed class BacklogForecast(OffPeakWindow offPeak, IOptions<DispatchOptions> options)
{
    private readonly DispatchOptions settings = options.Value;

    /// <summary>The instant the last of the backlog goes out at the configured rate, sending from <paramref name="start"/> on.</summary>
    public DateTimeOffset LastSendAt(DateTimeOffset start, int anytime, int refresh) =>
        LastSendAt(start, anytime, refresh, settings.RequestsPerWindow);

    /// <summary>The instant the last of the backlog goes out at <paramref name="requestsPerWindow"/> (the rate in force).</summary>
    public DateTimeOffset LastSendAt(DateTimeOffset start, int anytime, int refresh, int requestsPerWindow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(anytime);
        ArgumentOutOfRangeException.ThrowIfNegative(refresh);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerWindow);
        var window = settings.Window;
        long newLinks = anytime, refreshes = refresh;
        var last = start;
        var at = start;
        var credit = 0.0;
        while (newLinks > 0 || refreshes > 0)
        {
            if (!offPeak.IsOffPeak(at))
            {
                if (newLinks == 0)
                {
                    at = offPeak.NextOpening(at); // only refreshes left: they wait for the evening
                    continue;
                }

                // Peak: new links' work at full rate until the window opens or it is all sent.
                var peakWindows = Math.Max(1, (long)Math.Ceiling((offPeak.NextOpening(at) - at) / window));
                var windows = Math.Min(peakWindows, (newLinks + requestsPerWindow - 1) / requestsPerWindow);
                newLinks -= Math.Min(newLinks, windows * requestsPerWindow);
                last = at + (windows - 1) * window;
                at += windows * window;
                continue;
            }

            // Off-peak, one window at a time: the new links' share while refreshes wait too (carried over windows,
            // as the dispatcher's running count does), and either side takes what the other leaves.
            var reserved = requestsPerWindow;
            if (refreshes > 0)
            {
                credit += requestsPerWindow * settings.OffPeakNewLinkShare;
                reserved = (int)Math.Floor(credit + 1e-9);
                credit -= reserved;
            }

            var toNewLinks = Math.Min(newLinks, reserved);
            var toRefreshes = Math.Min(refreshes, requestsPerWindow - toNewLinks);
            toNewLinks += Math.Min(newLinks - toNewLinks, requestsPerWindow - toNewLinks - toRefreshes);
            newLinks -= toNewLinks;
            refreshes -= toRefreshes;
            last = at;
            at += window;
        }

        return last;
    }
}
