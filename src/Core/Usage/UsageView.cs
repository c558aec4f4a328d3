namespace GbcPortal.Core.Usage;

/// <summary>The period a usage page shows; the granularity of its buckets follows from it.</summary>
public enum UsageView
{
    Day,
    Week,
    Month,
    Year,
}
