using GbcPortal.Core.Espi;

namespace GbcPortal.Testing;

/// <summary>Small hand-made ESPI series for the tests that write a feed (the writer's, the gbc command's).</summary>
public static class WriterSamples
{
    public static readonly UsagePointInfo PacificHome = new("1001", ServiceKind.Electricity, "Home", LocalTimeParameters.Pacific);

    public static readonly UsagePointInfo UtcMeter = new("2002", ServiceKind.Gas);

    public static readonly ReadingTypeInfo Delivered = new("wh-forward", 1, FlowDirections.Forward, UnitOfMeasure.WattHours, -3, 3600, Kind: 12, Accumulation: 4, Currency: 840);

    public static readonly ReadingTypeInfo Received = new("wh-reverse", 1, FlowDirections.Reverse, UnitOfMeasure.WattHours, 0, 900, Kind: 12, Accumulation: 4);

    public static readonly ReadingTypeInfo Therms = new("therm", 7, FlowDirections.Forward, UnitOfMeasure.Therms, -3, 86400);

    /// <summary>Readings every <paramref name="step"/> seconds from <paramref name="start"/> (UTC epoch seconds).</summary>
    public static IntervalReading[] Readings(long start, int count, int step, Func<int, double> value, Func<int, decimal?>? cost = null, QualityCodes quality = default) =>
        [.. Enumerable.Range(0, count).Select(i =>
            new IntervalReading(DateTimeOffset.FromUnixTimeSeconds(start + (long)i * step), step, value(i), cost?.Invoke(i), quality))];

    public static MemoryStream Write(IReadOnlyList<EspiSeries> series, EspiWriterOptions? options = null)
    {
        var stream = new MemoryStream();
        EspiWriter.Write(stream, series, options);
        stream.Position = 0;
        return stream;
    }

    /// <summary>Two usage points, three series, costs, qualities and a summary: every element the writer can emit.</summary>
    public static (List<EspiSeries> Series, EspiWriterOptions Options) Rich()
    {
        var series = new List<EspiSeries>
        {
            // 2019-11-02 00:00 PDT .. through the 25-hour fall-back day.
            new(PacificHome, Delivered, Readings(1572678000, 49, 3600, i => 500 + i * 12.5, i => i * 0.01234m, new QualityCodes().With(19))),
            new(PacificHome, Received, Readings(1572678000, 8, 900, i => i % 3)),
            new(UtcMeter, Therms, Readings(1704067200, 3, 86400, i => 1.5 + i, quality: new QualityCodes().With(8).With(17))),
        };
        var options = new EspiWriterOptions
        {
            BaseUri = new Uri("https://utility.test/DataCustodian/espi/1_1/resource"),
            SubscriptionId = "77",
            Updated = new DateTimeOffset(2019, 11, 5, 12, 0, 0, TimeSpan.Zero),
            Summaries = [new UsageSummaryInfo("1001", DateTimeOffset.FromUnixTimeSeconds(1572678000), 2 * 86400 + 3600, 12345.5, "Wh", 41.27m, 840)],
        };
        return (series, options);
    }
}
