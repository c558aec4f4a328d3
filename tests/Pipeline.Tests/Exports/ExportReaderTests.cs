using System.Net;
using System.Xml.Linq;
using GbcPortal.Core.Espi;

namespace GbcPortal.Pipeline.Tests.Exports;

/// <summary>
/// The portal's downloads, fetched over HTTP from the real portal, read by public software nobody
/// here wrote: npm's green-button-parser gets the same readings and totals per flow as the CSV,
/// which holds exactly what the database holds; xmllint validates the XML against espi.xsd; the
/// shape checker finds links and blocks as the utility writes them.
/// </summary>
public sealed class ExportReaderTests(ExportPortal portal) : IClassFixture<ExportPortal>
{
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    [Fact]
    public async Task The_spring_forward_day_reads_the_same_in_a_public_reader()
    {
        var files = await DownloadAsync(ExportSeed.Solar, "download", "?view=day&date=2026-03-08");

        var truth = await AssertReadersAgreeAsync(files, ExportSeed.Solar, Midnight(2026, 3, 8), Midnight(2026, 3, 9));
        Assert.Equal(92, truth[FlowDirections.Forward].Count); // a 23-hour day
    }

    [Fact]
    public async Task A_month_across_the_fall_back_change_reads_the_same_in_a_public_reader()
    {
        var files = await DownloadAsync(ExportSeed.Plain, "download", "?view=month&date=2025-11-14");

        var truth = await AssertReadersAgreeAsync(files, ExportSeed.Plain, Midnight(2025, 11, 1), Midnight(2025, 12, 1));
        Assert.Equal(30 * 24 + 1, truth[FlowDirections.Forward].Count); // November 2025 has one 25-hour day
        Assert.Contains(files.Csv.Rows, r => r.Quality == "8");
    }

    [Fact]
    public async Task A_solar_month_with_both_flows_reads_the_same_in_a_public_reader()
    {
        var files = await DownloadAsync(ExportSeed.Solar, "download", "?view=month&date=2026-03-01");

        var truth = await AssertReadersAgreeAsync(files, ExportSeed.Solar, Midnight(2026, 3, 1), Midnight(2026, 4, 1));
        Assert.Equal(31 * 96 - 4, truth[FlowDirections.Reverse].Count);
        Assert.True(files.Csv.Wh(FlowDirections.Reverse) > 0, "the month has solar exports");
        Assert.All(files.Csv.Rows, r => Assert.Equal("19", r.Quality));
    }

    [Theory]
    [InlineData(ExportSeed.Solar)]
    [InlineData(ExportSeed.Plain)]
    public async Task The_whole_history_reads_the_same_in_a_public_reader(string serviceId)
    {
        var files = await DownloadAsync(serviceId, "download-history", "");

        await AssertReadersAgreeAsync(files, serviceId, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal(ExportSeed.Series[serviceId].Sum(s => s.Readings.Count), files.Csv.Rows.Count);
        Assert.Equal($"attachment; filename=usage-{serviceId}-all.xml", files.Disposition);
    }

    [Theory]
    [InlineData(ExportSeed.Solar, "download-history.csv")]
    [InlineData(ExportSeed.Solar, "download-history.xml")]
    [InlineData(ExportSeed.Solar, "download.xml?view=day&date=2026-03-08")]
    [InlineData("9999999999", "download-history.xml")]
    public async Task Someone_elses_or_an_unknown_service_answers_404(string serviceId, string file)
    {
        using var response = await portal.Stranger.GetAsync($"/usage/{serviceId}/{file}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(serviceId, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private sealed record Downloads(ExportCsv Csv, string XmlFile, string? Disposition, TempFolder Folder);

    private async Task<Downloads> DownloadAsync(string serviceId, string name, string query)
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = new TempFolder();
        using var csv = await portal.Owner.GetAsync($"/usage/{serviceId}/{name}.csv{query}", ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        using var xml = await portal.Owner.GetAsync($"/usage/{serviceId}/{name}.xml{query}", HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, xml.StatusCode);
        Assert.Equal("application/atom+xml", xml.Content.Headers.ContentType?.MediaType);
        var xmlFile = Path.Combine(folder.Path, "download.xml");
        await using (var file = File.Create(xmlFile))
            await xml.Content.CopyToAsync(file, ct);
        return new Downloads(ExportCsv.Parse(await csv.Content.ReadAsStringAsync(ct)), xmlFile,
            xml.Content.Headers.ContentDisposition?.ToString().Split(';', 3) is [var kind, var fileName, ..] ? $"{kind};{fileName}" : null, folder);
    }

    private static async Task<Dictionary<int, (int Count, double Wh)>> AssertReadersAgreeAsync(Downloads files, string serviceId,
        DateTimeOffset from, DateTimeOffset to)
    {
        using var folder = files.Folder;
        // The CSV holds what the database holds, no more and no less.
        var truth = ExportSeed.Truth(serviceId, from, to);
        Assert.Equal(truth.Keys.Order(), files.Csv.Rows.Select(r => r.Flow).Distinct().Order());
        foreach (var (flow, (count, wh)) in truth)
        {
            Assert.Equal(count, files.Csv.Flow(flow).Count());
            Assert.Equal(wh, files.Csv.Wh(flow), 1e-6);
        }

        var lint = await XmlLint.ValidateAsync(files.XmlFile, folder.Path);
        Assert.True(lint.ExitCode == 0, $"xmllint: {lint.Error}");
        Assert.Contains("validates", lint.Error, StringComparison.Ordinal);

        var feed = XDocument.Load(files.XmlFile);
        Assert.Empty(FeedShapeChecker.Check(feed));
        Assert.All(feed.Descendants(XName.Get("link", "http://www.w3.org/2005/Atom")), link =>
            Assert.StartsWith(ExportPortal.PublicBaseUrl + "/espi/1_1/resource/", (string)link.Attribute("href")!, StringComparison.Ordinal));

        var parsed = await GreenButtonParser.ReadAsync(files.XmlFile);
        Assert.Equal(truth.Count, parsed.Series.Count);
        foreach (var series in parsed.Series)
        {
            var rows = files.Csv.Flow(series.FlowDirection).ToList();
            // One identity in both files: the CSV's ids are the last segments of the XML's self links.
            Assert.All(rows, r => Assert.Equal((series.UsagePoint, series.ReadingType), (r.UsagePoint, r.ReadingType)));
            Assert.Equal(serviceId, series.UsagePoint);
            Assert.Equal(("Wh", "Wh"), (series.UomName, rows[0].Uom));
            var read = series.Values.ToList();
            Assert.Equal(rows.Count, read.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal((rows[i].Start, rows[i].Duration), (read[i].Start, read[i].Duration));
                Assert.Equal(rows[i].Value, read[i].Value, 1e-9 * Math.Max(1, Math.Abs(rows[i].Value)));
            }
            Assert.Equal(files.Csv.Wh(series.FlowDirection), read.Sum(r => r.Value), 1e-6);
            // Cost in hundred-thousandths of a currency the ReadingType names, exactly when there is cost.
            var csvCost = rows.Where(r => r.Cost.Length > 0).Sum(r => decimal.Parse(r.Cost, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(csvCost, read.Sum(r => r.Cost ?? 0) / 100_000m);
            Assert.Equal(csvCost > 0 ? EspiWriterOptions.UsDollars : null, series.Currency);
        }
        return truth;
    }

    private static DateTimeOffset Midnight(int year, int month, int day)
    {
        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Pacific.GetUtcOffset(local));
    }
}
