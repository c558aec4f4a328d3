namespace GbcPortal.Core.Usage;

/// <summary>The width of one bucket on the chart.</summary>
public enum UsageGranularity
{
    QuarterHour,
    Hour,
    Day,
    Month,
}
