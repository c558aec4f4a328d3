using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Portal.Jobs;

/// <summary>Hangfire server and recurring job schedules (section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often idle workers look for new jobs in SQLite storage.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A Hangfire lock older than this is taken as abandoned (its holder died): Hangfire's own locks (the
    /// schedule poller, recurring jobs) are held for milliseconds, so half a minute is generous, where the
    /// storage's default of 10 minutes let one killed process stall scheduled work for 10 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A job fetched by a worker that died runs again after this long. On PostgreSQL live workers keep extending
    /// it (sliding), so a long ingest is never run twice; on SQLite it must exceed the longest job.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan SqliteInvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    [Required]
    public string DispatchCron { get; set; } = "* * * * *";

    [Required]
    public string WatchdogCron { get; set; } = "*/5 * * * *";

    /// <summary>
    /// Plans the night's refreshes, on the utility's clock (<c>Utility:TimeZone</c>); 17:00 is before the utility's 6 pm–6 am off-peak window opens, so the whole
    /// night is planned and spread (a run inside the window plans what is left of it).
    /// </summary>
    [Required]
    public string RefreshCron { get; set; } = "0 17 * * *";

    /// <summary>How often the backlog is sampled for its chart on /staff.</summary>
    [Required]
    public string BacklogSampleCron { get; set; } = "*/10 * * * *";

    /// <summary>Registering recurring jobs can be turned off for tests that drive jobs by hand.</summary>
    public bool RegisterRecurringJobs { get; set; } = true;
}
