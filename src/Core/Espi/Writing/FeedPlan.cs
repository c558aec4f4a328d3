namespace GbcPortal.Core.Espi.Writing;

internal sealed record SeriesPlan(ReadingTypeInfo Type, string ReadingTypeSelf, bool FirstUseOfType, IntervalReading[] Readings);

internal sealed record UsagePointPlan(
    UsagePointInfo Info,
    string Self,
    int? LocalTimeNumber,
    bool FirstUseOfLocalTime,
    List<SeriesPlan> Series,
    List<UsageSummaryInfo> Summaries);

/// <summary>
/// Groups series by UsagePoint and checks everything before a byte is written, so bad input
/// fails with an <see cref="ArgumentException"/> instead of leaving half a feed in the stream.
/// </summary>
internal static class FeedPlan
{
    public static List<UsagePointPlan> Build(IReadOnlyList<EspiSeries> series, EspiWriterOptions options, EspiLinks links)
    {
        var usagePoints = new List<UsagePointPlan>();
        var byId = new Dictionary<string, UsagePointPlan>(StringComparer.Ordinal);
        var readingTypes = new Dictionary<string, ReadingTypeInfo>(StringComparer.Ordinal);
        var localTimes = new List<LocalTimeParameters>();
        var costed = CostedTypes(series, links);

        foreach (var s in series)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(series));
            if (!byId.TryGetValue(s.UsagePoint.Id, out var plan))
            {
                var (number, first) = Number(localTimes, s.UsagePoint.LocalTime);
                plan = new UsagePointPlan(s.UsagePoint, links.UsagePoint(s.UsagePoint.Id), number, first, [], []);
                byId.Add(s.UsagePoint.Id, plan);
                usagePoints.Add(plan);
            }
            else if (plan.Info != s.UsagePoint)
            {
                throw new ArgumentException($"UsagePoint '{s.UsagePoint.Id}' appears with different details in two series.", nameof(series));
            }

            var typeSelf = links.ReadingType(s.ReadingType.Id);
            if (plan.Series.Any(p => p.ReadingTypeSelf == typeSelf))
                throw new ArgumentException($"UsagePoint '{s.UsagePoint.Id}' has two series of ReadingType '{s.ReadingType.Id}'.", nameof(series));
            var type = WithCurrency(s.ReadingType, costed.Contains(typeSelf), options);
            var firstUse = readingTypes.TryAdd(typeSelf, type);
            if (!firstUse && readingTypes[typeSelf] != type)
                throw new ArgumentException($"ReadingType '{s.ReadingType.Id}' appears with different details in two series.", nameof(series));

            var readings = s.Readings.OrderBy(r => r.Start).ToArray();
            foreach (var reading in readings)
                Check(reading, s.ReadingType);
            plan.Series.Add(new SeriesPlan(type, typeSelf, firstUse, readings));
        }

        foreach (var summary in options.Summaries)
        {
            if (!byId.TryGetValue(summary.UsagePointId, out var plan))
                throw new ArgumentException($"UsageSummary names UsagePoint '{summary.UsagePointId}', which has no series.", nameof(options));
            if (summary.ConsumptionValue is { } value)
                EspiNumbers.ToRaw(value, EspiNumbers.SummaryMultiplier(value));
            if (summary.BillAmount is { } bill)
                EspiNumbers.ToHundredThousandths(bill);
            plan.Summaries.Add(summary);
        }
        return usagePoints;
    }

    /// <summary>
    /// The plan of one usage point whose readings are streamed later (<see cref="EspiWriter.WriteAsync"/>):
    /// <paramref name="types"/> carry their currency already, since their entries precede the readings.
    /// </summary>
    public static UsagePointPlan ForStream(UsagePointInfo usagePoint, IReadOnlyList<ReadingTypeInfo> types, EspiLinks links)
    {
        var plan = new UsagePointPlan(usagePoint, links.UsagePoint(usagePoint.Id), usagePoint.LocalTime is null ? null : 1,
            usagePoint.LocalTime is not null, [], []);
        foreach (var type in types)
        {
            var typeSelf = links.ReadingType(type.Id);
            if (plan.Series.Any(p => p.ReadingTypeSelf == typeSelf))
                throw new ArgumentException($"UsagePoint '{usagePoint.Id}' has two series of ReadingType '{type.Id}'.", nameof(types));
            plan.Series.Add(new SeriesPlan(type, typeSelf, true, []));
        }
        return plan;
    }

    /// <summary>
    /// ESPI gives <c>cost</c> in hundred-thousandths of the ReadingType's currency, so a type whose
    /// readings carry cost must name one; when the source did not, the utility's is assumed.
    /// </summary>
    public static ReadingTypeInfo WithCurrency(ReadingTypeInfo type, bool hasCost, EspiWriterOptions options) =>
        hasCost && type.Currency is null ? type with { Currency = options.DefaultCurrency } : type;

    private static HashSet<string> CostedTypes(IReadOnlyList<EspiSeries> series, EspiLinks links)
    {
        var costed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            if (s is not null && s.Readings.Any(r => r.Cost is not null))
                costed.Add(links.ReadingType(s.ReadingType.Id));
        }
        return costed;
    }

    private static void Check(IntervalReading reading, ReadingTypeInfo type)
    {
        if (reading.DurationSeconds < 0)
            throw new ArgumentException($"A reading of ReadingType '{type.Id}' at {reading.Start:O} has a negative duration.");
        EspiNumbers.ToRaw(reading.Value, type.PowerOfTenMultiplier);
        if (reading.Cost is { } cost)
            EspiNumbers.ToHundredThousandths(cost);
    }

    private static (int? Number, bool First) Number(List<LocalTimeParameters> seen, LocalTimeParameters? local)
    {
        if (local is null)
            return (null, false);
        var index = seen.IndexOf(local);
        if (index >= 0)
            return (index + 1, false);
        seen.Add(local);
        return (seen.Count, true);
    }
}
