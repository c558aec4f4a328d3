using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Portal.Extensions;

/// <summary>Hangfire server and recurring job schedules (section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often idle workers look for new jobs in SQLite storage.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Required]
    public string DispatchCron { get; set; } = "* * * * *";

    [Required]
    public string WatchdogCron { get; set; } = "*/5 * * * *";

    /// <summary>Daily refresh; 19:00 Pacific is inside the utility's 6 pm–6 am off-peak window.</summary>
    [Required]
    public string RefreshCron { get; set; } = "0 19 * * *";

    [Required]
    public string RefreshTimeZone { get; set; } = "America/Los_Angeles";

    /// <summary>Registering recurring jobs can be turned off for tests that drive jobs by hand.</summary>
    public bool RegisterRecurringJobs { get; set; } = true;
}
