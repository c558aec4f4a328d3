namespace GbcPortal.Core.Espi.Reading;

/// <summary>UsageSummary / ElectricPowerUsageSummary entries → base units, tied to their UsagePoint by the up link.</summary>
internal static class SummaryBuilder
{
    public static List<UsageSummaryInfo> Build(FeedGraph graph, ReaderWarnings warnings)
    {
        var result = new List<UsageSummaryInfo>();
        foreach (var raw in graph.Summaries)
        {
            if (raw.PeriodStart is not { } start || start is < 0 or > 253_402_300_799)
            {
                warnings.Add("A usage summary has no usable billingPeriod start and was skipped");
                continue;
            }
            var key = raw.Up is { } up
                ? LinkKey.ParentOf(up, "UsageSummary") ?? LinkKey.ParentOf(up, "ElectricPowerUsageSummary") ?? up
                : null;
            var usagePoint = FeedGraph.Find(graph.UsagePoints, key, 2)
                ?? (graph.UsagePoints.Count == 1 ? graph.UsagePoints.Values.First() : null);
            var summary = new UsageSummaryInfo(
                usagePoint?.Id ?? key ?? "",
                DateTimeOffset.FromUnixTimeSeconds(start),
                (int)Math.Clamp(raw.PeriodDuration ?? 0, 0, int.MaxValue),
                raw.Consumption is { } value ? ReadingConverter.Scale(value, raw.ConsumptionMultiplier) : null,
                raw.ConsumptionUom is { } uom ? UnitOfMeasure.Symbol(uom) : null,
                raw.Bill is { } bill ? bill / 100_000m : null,
                raw.Currency);
            if (!result.Contains(summary))
                result.Add(summary);
        }
        return result;
    }
}
