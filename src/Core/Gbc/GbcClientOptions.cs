using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Core.Gbc;

/// <summary>
/// The utility's API as the client sees it (section <c>Utility</c>). How large a Notify resource may be is
/// <see cref="BodyLimitOptions"/>, the one limit on bodies from the utility.
/// </summary>
public sealed class GbcClientOptions
{
    public const string SectionName = "Utility";

    /// <summary>The utility's base URL; the client POSTs to {BaseUrl}/GreenButtonConnect/espi/1_1/UsageRequest.</summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries of a Notify resource download after a connection failure or a 503; 4xx answers are never
    /// retried. UsageRequest POSTs are never retried by the client: each counts against the rate limit.
    /// </summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
