using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Core.Audit;

/// <summary>The audit log's retention (section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Events older than this are deleted by the daily purge.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 400;

    /// <summary>When the purge runs (cron, UTC).</summary>
    [Required]
    public string PurgeCron { get; set; } = "17 3 * * *";
}
