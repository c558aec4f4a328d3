using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Core.Requests;

/// <summary>The utility's limits and our retry policy (section <c>Dispatch</c>).</summary>
public sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    /// <summary>
    /// At most this many sends in any <see cref="WindowSeconds"/> (the utility's 6 per minute): the default; the rate in
    /// force is what staff set on /staff (<see cref="DispatchRate"/>), when they have.
    /// </summary>
    [Range(1, 10_000)]
    public int RequestsPerWindow { get; set; } = 6;

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>
    /// Added to the window when the budget is taken: a slot is stamped as its POST begins, a moment before
    /// the request reaches the utility, so without a margin network jitter could put 7 arrivals in its 60 s.
    /// </summary>
    [Range(0, 60_000)]
    public int SlotMarginMilliseconds { get; set; } = 250;

    /// <summary>Recurring (Refresh) requests go out only from this time on the utility's clock (<c>Utility:TimeZone</c>) ...</summary>
    public TimeSpan OffPeakStart { get; set; } = TimeSpan.FromHours(18);

    /// <summary>... until this local time (the next morning when it is earlier than the start).</summary>
    public TimeSpan OffPeakEnd { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// The share of the off-peak budget kept for new links' work (Verify and Backfill) while refreshes wait; refreshes
    /// get the rest, so the nightly refresh capacity is the off-peak slots times (1 - this). Either side uses what the
    /// other leaves unused, and a Verify always goes first (it counts toward this share).
    /// </summary>
    [Range(0.0, 0.9)]
    public double OffPeakNewLinkShare { get; set; } = 0.1;

    /// <summary>One dispatch run sends at most this many, then reschedules itself.</summary>
    [Range(1, 100_000)]
    public int MaxSendsPerRun { get; set; } = 60;

    /// <summary>Sends in flight at once per dispatch run (each claimed and recorded on its own).</summary>
    [Range(1, 32)]
    public int ParallelSends { get; set; } = 3;

    /// <summary>First retry delay after a 503 or a lost callback; doubled per attempt up to <see cref="MaxBackoffSeconds"/>.</summary>
    [Range(1, 86_400)]
    public int BaseBackoffSeconds { get; set; } = 60;

    [Range(1, 7 * 86_400)]
    public int MaxBackoffSeconds { get; set; } = 3600;

    /// <summary>A Submitted request with no callback after this long is resubmitted (the watchdog).</summary>
    [Range(1, 24 * 30)]
    public double CallbackTimeoutHours { get; set; } = 24;

    /// <summary>Sends per request before the watchdog gives up and marks it Failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Sends in a row closed without an answer before dispatch pauses as for a refused certificate.</summary>
    [Range(1, 100)]
    public int DropsBeforePause { get; set; } = 3;

    /// <summary>How often each dispatcher writes its heartbeat.</summary>
    [Range(1, 3600)]
    public int HeartbeatSeconds { get; set; } = 3;

    /// <summary>
    /// A dispatcher whose heartbeat is older than this is taken as dead: its claims go back to the queue. Taking a
    /// live one for dead costs nothing but a re-claim (a claim whose POST began is never sent again blindly).
    /// </summary>
    [Range(2, 86_400)]
    public int DispatcherDeadAfterSeconds { get; set; } = 10;

    /// <summary>A claim not on the wire this long after it was made is given back rather than sent (see MarkSending).</summary>
    [Range(1, 3600)]
    public int MaxClaimAgeSeconds { get; set; } = 10;

    /// <summary>A claim older than this is recovered even if its dispatcher still beats (a send that hung).</summary>
    [Range(10, 86_400)]
    public int ClaimTimeoutSeconds { get; set; } = 180;

    /// <summary>
    /// A request whose POST had begun when its dispatcher died may have reached the utility: it waits this long
    /// for a callback carrying its request id before it is sent again (with the same request id).
    /// </summary>
    [Range(1, 86_400)]
    public int UnconfirmedSendTimeoutSeconds { get; set; } = 180;

    /// <summary>
    /// 503s in a row (any instance's own count) before all dispatch holds for the Retry-After: a single 503 is
    /// taken as that request's bad luck and only that request waits.
    /// </summary>
    [Range(1, 100)]
    public int UnavailableBeforeHold { get; set; } = 3;

    /// <summary>How long an idle dispatcher sleeps at most before it looks again (new work, dead claims).</summary>
    [Range(1, 3600)]
    public int IdlePollSeconds { get; set; } = 10;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    public TimeSpan WindowWithMargin => Window + TimeSpan.FromMilliseconds(SlotMarginMilliseconds);

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1: base x 2^(attempts-1), capped.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var seconds = Math.Min((double)BaseBackoffSeconds * Math.Pow(2, exponent), MaxBackoffSeconds);
        return TimeSpan.FromSeconds(seconds);
    }
}
