using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Core.Ingest;

/// <summary>How long callback bodies are kept (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>
    /// Days an ingested callback's body is kept (compressed) after its ingest, for a replay. Bodies of callbacks
    /// not ingested (failed, or kept for staff) are kept until a replay ingests them.
    /// </summary>
    [Range(1, 3650)]
    public int BodyRetentionDays { get; set; } = 30;

    /// <summary>Bodies compressed or deleted per transaction, so the job never holds the write lock for long.</summary>
    [Range(1, 10_000)]
    public int BodyBatchSize { get; set; } = 50;

    /// <summary>When the retention job runs (cron, UTC).</summary>
    [Required]
    public string BodyRetentionCron { get; set; } = "41 * * * *";
}
