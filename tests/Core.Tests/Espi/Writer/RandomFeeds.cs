using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Tests.Espi.Writer;

/// <summary>Random but reproducible series for the round-trip property test.</summary>
internal static class RandomFeeds
{
    public const string Root = "https://utility.test/DataCustodian/espi/1_1/resource";

    private static readonly LocalTimeParameters Eastern = new(-18000, 3600, 0x360E2000, 0xB40E2000);

    // Local days around US DST changes (spring forward, fall back) and ordinary days.
    private static readonly DateOnly[] Days =
    [
        new(2019, 3, 10), new(2019, 11, 3), new(2024, 3, 10), new(2024, 11, 3), new(2023, 3, 12), new(2023, 11, 5),
        new(2021, 6, 21), new(2022, 1, 15), new(2020, 2, 29),
    ];

    private static readonly int[] QualityPool = [0, 7, 8, 9, 10, 11, 14, 17, 18, 19];
    private static readonly int[] Flows = [FlowDirections.Forward, FlowDirections.Reverse, FlowDirections.Net, FlowDirections.Total];

    public static List<EspiSeries> Make(Random random)
    {
        var series = new List<EspiSeries>();
        var usagePoints = random.Next(1, 3);
        // Local time is all-or-none per feed: a reader may lend a feed's only LocalTimeParameters
        // to a UsagePoint that links none, which is a tolerance, not a round-trip failure.
        var utcFeed = random.Next(3) == 0;
        for (var u = 0; u < usagePoints; u++)
        {
            var local = utcFeed ? null : random.Next(2) == 0 ? LocalTimeParameters.Pacific : Eastern;
            var kind = random.Next(4) == 0 ? ServiceKind.Gas : ServiceKind.Electricity;
            var usagePoint = new UsagePointInfo($"{Root}/Subscription/9/UsagePoint/{100 + u}", kind, $"Meter {u}", local);
            var count = random.Next(1, 4);
            for (var s = 0; s < count; s++)
            {
                var interval = random.Next(2) == 0 ? 900 : 3600;
                var multiplier = random.Next(-3, 4);
                var type = new ReadingTypeInfo(
                    $"{Root}/ReadingType/u{u}s{s}",
                    kind == ServiceKind.Gas ? 7 : 1,
                    Flows[random.Next(Flows.Length)],
                    kind == ServiceKind.Gas ? UnitOfMeasure.Therms : UnitOfMeasure.WattHours,
                    multiplier,
                    interval,
                    Kind: 12,
                    Accumulation: 4,
                    Currency: random.Next(2) == 0 ? 840 : null);
                series.Add(new EspiSeries(usagePoint, type, Readings(random, local, interval, multiplier)));
            }
        }
        return series;
    }

    private static List<IntervalReading> Readings(Random random, LocalTimeParameters? local, int interval, int multiplier)
    {
        var first = Days[random.Next(Days.Length)].AddDays(random.Next(-1, 2));
        var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            - (local is null ? TimeSpan.Zero : local.OffsetAt(new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        var count = random.Next(1, 3 * 86400 / interval);
        var readings = new List<IntervalReading>(count);
        for (var i = 0; i < count; i++)
        {
            if (random.Next(20) == 0)
                continue; // a hole in the data
            // Values are integers × 10^multiplier, exactly what ESPI can carry.
            var raw = random.NextInt64(-1000, 5_000_000);
            var value = raw * Math.Pow(10, multiplier);
            decimal? cost = random.Next(3) == 0 ? null : random.Next(0, 10_000_000) / 100_000m;
            var quality = QualityCodes.None;
            for (var q = random.Next(3); q > 0; q--)
                quality = quality.With(QualityPool[random.Next(QualityPool.Length)]);
            readings.Add(new IntervalReading(start.AddSeconds((long)i * interval), interval, value, cost, quality));
        }
        return readings;
    }
}
