using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Tests.Espi.Reader;

/// <summary>
/// Every sample feed, checked against numbers tallied independently of the reader with
/// python3 + xml.etree (/tmp/art-espi-count.py: per IntervalBlock up link, readings counted,
/// repeated starts dropped, raw values summed, then × 10^powerOfTenMultiplier by hand).
/// </summary>
public class ReaderSampleTests
{
    [Theory]
    [InlineData("gba-15min-14days-cost.xml", 1, 1340, 1_391_666.0)]      // 14 days of 15 min, 2 h missing at spring-forward, ×10^0 Wh
    [InlineData("gba-15min-spring-forward-day.xml", 1, 92, 109_403.0)]
    [InlineData("gba-gas.xml", 1, 13, 1_074.821)]                        // 1,074,821 × 10^-3 therm
    [InlineData("gba-hourly-january.xml", 1, 744, 2_301_649.0)]          // 31 days × 24 h
    [InlineData("gba-three-usage-points.xml", 4, 384, 211_560.0)]        // 14,635 + 30,195 + 166,730 + 0
    [InlineData("pge-gbc-subscription-electric-gas.xml", 2, 436, 148_964.395)] // (114,721,197 + 34,243,198) × 10^-3 Wh
    [InlineData("pge-smd-hourly-2019-11-01.xml", 1, 48, 55_484.998)]
    [InlineData("pge-smd-hourly-fall-back-day.xml", 1, 49, 60_657.299)]
    [InlineData("sce-bulk-15min-cost.xml", 1, 97, 24_380.0)]
    [InlineData("utilityapi-monthly.xml", 1, 22, 4_842_000.0)]
    public void Read_Sample_CountsAndTotalsInBaseUnits(string file, int seriesCount, int readings, double total)
    {
        var document = Samples.Read(file);

        Assert.Equal(seriesCount, document.Series.Count);
        Assert.Equal(readings, document.Series.Sum(s => s.Readings.Count));
        Assert.Equal(total, document.Series.Sum(Samples.Total), 6);
        Assert.All(document.Series, s => Assert.True(s.Readings.Zip(s.Readings.Skip(1)).All(p => p.First.Start < p.Second.Start), "ordered by start"));
    }

    [Fact]
    public void Read_PgeSubscription_ForwardAndReverseFlowWithQualityAndSummaries()
    {
        var document = Samples.Read("pge-gbc-subscription-electric-gas.xml");

        var usagePoint = Assert.Single(document.UsagePoints); // the feed repeats the same UsagePoint entry
        Assert.Equal("https://api.pge.com/GreenButtonConnect/espi/1_1/resource/Subscription/02661/UsagePoint/6345172663", usagePoint.Id);
        Assert.Equal(ServiceKind.Electricity, usagePoint.Kind);
        Assert.Equal(LocalTimeParameters.Pacific, usagePoint.LocalTime);

        var delivered = Assert.Single(document.Series, s => s.ReadingType.FlowDirection == FlowDirections.Forward);
        var received = Assert.Single(document.Series, s => s.ReadingType.FlowDirection == FlowDirections.Reverse);
        Assert.EndsWith("ReadingType/NcRts4fUUqHDoz0xwnN=", delivered.ReadingType.Id);
        Assert.Equal((313, 114_721.197), (delivered.Readings.Count, Math.Round(Samples.Total(delivered), 6)));
        Assert.Equal((123, 34_243.198), (received.Readings.Count, Math.Round(Samples.Total(received), 6)));
        Assert.Equal(("Wh", -3, 3600), (delivered.ReadingType.BaseUnit, delivered.ReadingType.PowerOfTenMultiplier, delivered.ReadingType.IntervalLengthSeconds));
        Assert.Equal(224.4, delivered.Readings.Single(r => r.Start.ToUnixTimeSeconds() == 1425970800).Value); // value 224400 × 10^-3
        // ReadingQuality tallied per reading: 289 carry 19 (revenue quality), 24 carry 17 (validated).
        Assert.Equal(289, delivered.Readings.Count(r => r.Quality.Contains(19)));
        Assert.Equal(24, delivered.Readings.Count(r => r.Quality.Contains(17)));
        Assert.Equal(0, document.DuplicatesDropped);

        Assert.Equal(49, document.Summaries.Count);
        var first = document.Summaries[0]; // billingPeriod 1358496000 + 2851200, bill 5,833,000 / 100,000, 403,000,000 × 10^-3 Wh
        Assert.Equal((1358496000L, 2851200, 58.33m, 403_000.0, "Wh", 840),
            (first.PeriodStart.ToUnixTimeSeconds(), first.PeriodDurationSeconds, first.BillAmount, first.ConsumptionValue, first.ConsumptionUnit, first.Currency));
        Assert.All(document.Summaries, s => Assert.Equal(usagePoint.Id, s.UsagePointId));
    }

    [Fact]
    public void Read_FallBackDay_Has25HourlyReadingsOnNovember3()
    {
        var document = Samples.Read("pge-smd-hourly-fall-back-day.xml");

        var series = Assert.Single(document.Series);
        var local = series.UsagePoint.LocalTime!;
        var byDay = series.Readings.GroupBy(r => DateOnly.FromDateTime(local.ToLocal(r.Start).DateTime)).ToDictionary(g => g.Key, g => g.ToList());
        // zoneinfo America/Los_Angeles gives 24 readings on 2019-11-02 and 25 on 2019-11-03 summing to 29,405,099 × 10^-3.
        Assert.Equal(24, byDay[new DateOnly(2019, 11, 2)].Count);
        Assert.Equal(25, byDay[new DateOnly(2019, 11, 3)].Count);
        Assert.Equal(29_405.099, byDay[new DateOnly(2019, 11, 3)].Sum(r => r.Value), 6);
        var day = byDay[new DateOnly(2019, 11, 3)];
        Assert.Equal(TimeSpan.FromHours(-7), local.ToLocal(day[0].Start).Offset);
        Assert.Equal(TimeSpan.FromHours(-8), local.ToLocal(day[^1].Start).Offset);
        Assert.Equal(2, day.Count(r => local.ToLocal(r.Start).Hour == 1)); // 01:00 happens twice
    }

    [Fact]
    public void Read_SpringForwardDay_Has92QuarterHoursFromMidnightEstToMidnightEdt()
    {
        var series = Assert.Single(Samples.Read("gba-15min-spring-forward-day.xml").Series);
        var local = series.UsagePoint.LocalTime!;

        Assert.Equal(92, series.Readings.Count);
        Assert.Equal(DateTimeOffset.Parse("2012-03-11T00:00:00-05:00"), local.ToLocal(series.Readings[0].Start));
        Assert.Equal(TimeSpan.FromHours(-5), local.ToLocal(series.Readings[0].Start).Offset);
        Assert.Equal(DateTimeOffset.Parse("2012-03-11T23:45:00-04:00"), local.ToLocal(series.Readings[^1].Start));
        Assert.Equal(TimeSpan.FromHours(-4), local.ToLocal(series.Readings[^1].Start).Offset);
        Assert.Equal(10.57905m, series.Readings.Sum(r => r.Cost!.Value)); // Σ cost 1,057,905 / 100,000
    }

    [Fact]
    public void Read_OverlappingPgeDays_CollapseRepeatedReadings()
    {
        // The two files share 2019-11-02 (24 hourly readings with identical values): 48 + 49 − 24 = 73 distinct.
        var reader = new EspiReader();
        var first = reader.ReadFile(Samples.PathOf("pge-smd-hourly-2019-11-01.xml"));
        var second = reader.ReadFile(Samples.PathOf("pge-smd-hourly-fall-back-day.xml"));
        var merged = first.Series[0].Readings.Concat(second.Series[0].Readings).DistinctBy(r => r.Start).ToList();
        Assert.Equal(73, merged.Count);

        // Read as one feed: the second file's entries appended to the first's.
        var combined = Samples.ReadText(ConcatenateEntries("pge-smd-hourly-2019-11-01.xml", "pge-smd-hourly-fall-back-day.xml"));
        var series = Assert.Single(combined.Series);
        Assert.Equal(73, series.Readings.Count);
        Assert.Equal(24, combined.DuplicatesDropped);
        Assert.Equal(84_890.097, Samples.Total(series), 6); // distinct raw values sum to 84,890,097 × 10^-3 Wh
        Assert.Single(combined.UsagePoints);
    }

    [Fact]
    public void Read_Gas_InThermsWithCostAndSummary()
    {
        var document = Samples.Read("gba-gas.xml");

        Assert.Equal(ServiceKind.Gas, Assert.Single(document.UsagePoints).Kind);
        var series = Assert.Single(document.Series);
        Assert.Equal(("therm", 169, -3, 7), (series.ReadingType.BaseUnit, series.ReadingType.Uom, series.ReadingType.PowerOfTenMultiplier, series.ReadingType.Commodity));
        Assert.Equal(3_094.66093m, series.Readings.Sum(r => r.Cost!.Value)); // Σ cost 309,466,093 / 100,000
        var summary = Assert.Single(document.Summaries); // 85,263 × 10^-3 therm, bill 28,684,000 / 100,000
        Assert.Equal((85.263, "therm", 286.84m), (summary.ConsumptionValue, summary.ConsumptionUnit, summary.BillAmount));
        Assert.Equal("RetailCustomer/9b6c7063/UsagePoint/02", summary.UsagePointId);
    }

    [Fact]
    public void Read_ThreeUsagePoints_EachWithItsOwnSeries()
    {
        var document = Samples.Read("gba-three-usage-points.xml");

        Assert.Equal(
            ["RetailCustomer/4299914/UsagePoint/4284792", "RetailCustomer/4299915/UsagePoint/4284793", "RetailCustomer/4299915/UsagePoint/4284794"],
            document.UsagePoints.Select(p => p.Id));
        var totals = document.Series.Select(s => (s.UsagePoint.Id[^7..], s.ReadingType.FlowDirection, s.Readings.Count, Samples.Total(s))).ToList();
        Assert.Equal(
            [("4284792", 1, 96, 14_635.0), ("4284792", 19, 96, 30_195.0), ("4284793", 1, 96, 166_730.0), ("4284794", 19, 96, 0.0)],
            totals);
        Assert.Equal(900, document.Series[0].ReadingType.IntervalLengthSeconds); // no intervalLength: inferred from the readings
    }

    [Fact]
    public void Read_CostAndQuality_FromFifteenMinuteFeed()
    {
        var document = Samples.Read("gba-15min-14days-cost.xml");
        var series = Assert.Single(document.Series);

        Assert.Equal(149.99132m, series.Readings.Sum(r => r.Cost!.Value)); // Σ cost 14,999,132 / 100,000
        Assert.Equal(0.00974m, series.Readings[0].Cost);
        Assert.True(series.Readings[0].Quality.Contains(8));  // estimated
        Assert.True(series.Readings[1].Quality.Contains(7));  // manually edited
        Assert.True(series.Readings[2].Quality.IsEmpty);
        var summary = Assert.Single(document.Summaries);
        Assert.Equal((152.52m, 1_298_640.0), (summary.BillAmount, summary.ConsumptionValue));
        Assert.Equal(TimeSpan.FromHours(-5), document.UsagePoints[0].LocalTime!.ToLocal(series.Readings[0].Start).Offset);
    }

    [Fact]
    public void Read_BatchList_GivesResourceUris()
    {
        var document = Samples.Read("pge-batchlist-notification.xml");

        Assert.True(document.IsBatchList);
        Assert.Equal(
            [
                "https://api.pge.com/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/50916?correlationID=fffa5bc1-81f7-4239-b244-b462762f7724",
                "https://api.pge.com/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/50916?correlationID=eea0dbcb-98eb-43c9-ba4e-9eeccc40c967",
            ],
            document.ResourceUris.Select(u => u.OriginalString));
        Assert.Empty(document.Series);
    }

    [Fact]
    public void Read_Malformed_FailsWithWrongRootAndLine()
    {
        var error = Assert.Throws<EspiFormatException>(() => Samples.Read("gba-malformed.xml"));

        Assert.Contains("<xyz>", error.Message);
        Assert.Equal(53, error.LineNumber); // the <xyz> line of the file
    }

    [Fact]
    public void Read_UtilityApiMonthly_OrdersNewestFirstFeedByStart()
    {
        var series = Assert.Single(Samples.Read("utilityapi-monthly.xml").Series);

        // The export lists months newest first; starts span 1663819200 … 1719201600.
        Assert.Equal(1663819200, series.Readings[0].Start.ToUnixTimeSeconds());
        Assert.Equal(1719201600, series.Readings[^1].Start.ToUnixTimeSeconds());
        Assert.Equal(234_000.0, series.Readings[^1].Value);
        Assert.EndsWith("ReadingType/01", series.ReadingType.Id);
    }

    private static string ConcatenateEntries(string first, string second)
    {
        var a = File.ReadAllText(Samples.PathOf(first));
        var b = File.ReadAllText(Samples.PathOf(second));
        var entries = b[b.IndexOf("<ns1:entry", StringComparison.Ordinal)..b.LastIndexOf("</ns1:feed>", StringComparison.Ordinal)];
        return a.Insert(a.LastIndexOf("</ns1:feed>", StringComparison.Ordinal), entries);
    }
}
