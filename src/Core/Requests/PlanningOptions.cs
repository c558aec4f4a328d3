using System.ComponentModel.DataAnnotations;

namespace GbcPortal.Core.Requests;

/// <summary>How requests are cut into windows (section <c>Planning</c>).</summary>
public sealed class PlanningOptions
{
    public const string SectionName = "Planning";

    /// <summary>The Verify request covers this many local days before the previous local midnight.</summary>
    [Range(1, 185)]
    public int VerifyDays { get; set; } = 7;

    /// <summary>How far back the backfill reaches, in months before the previous local midnight.</summary>
    [Range(0, 240)]
    public int HistoryMonths { get; set; } = 13;

    /// <summary>The utility refuses windows longer than 185 days (15,984,000 s).</summary>
    [Range(1, 185)]
    public int MaxWindowDays { get; set; } = 185;

    /// <summary>A refresh starts this long before the last stored reading, to pick up late corrections.</summary>
    [Range(0, 24 * 31)]
    public int RefreshOverlapHours { get; set; } = 24;
}
