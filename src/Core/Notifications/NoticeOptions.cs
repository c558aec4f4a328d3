using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Core.Notifications;

/// <summary>How service emails are sent and retried (section <c>Notices</c>).</summary>
public sealed class NoticeOptions
{
    public const string SectionName = "Notices";

    /// <summary>The same event about the same link is emailed at most once in this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan RepeatAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Waits after the 1st, 2nd… failed send; the last one repeats.</summary>
    [MinLength(1)]
    public List<TimeSpan> RetryDelays { get; set; } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    /// <summary>An email not sent by then is no longer news: it is abandoned (and logged).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>A sender that took a notice and died: another takes it after this long.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>When the drain job runs besides being kicked by every change (cron).</summary>
    [Required]
    public string DrainCron { get; set; } = "* * * * *";

    public TimeSpan RetryDelay(int attempts) => RetryDelays[Math.Clamp(attempts - 1, 0, RetryDelays.Count - 1)];
}
