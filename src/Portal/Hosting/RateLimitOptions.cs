using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Portal.Hosting;

/// <summary>Per-client limits on what an attacker would repeat (section <c>RateLimits</c>); over them the answer is 429.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Sign-in, register, forgot/reset password and resend confirmation posts per client address per minute.</summary>
    [Range(1, 10_000)]
    public int AccountPostsPerMinute { get; set; } = 10;

    /// <summary>CSV and Green Button downloads per signed-in user (or address) per minute.</summary>
    [Range(1, 10_000)]
    public int DownloadsPerMinute { get; set; } = 30;
}
