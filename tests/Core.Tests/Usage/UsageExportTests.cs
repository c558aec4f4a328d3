using System.Text;
using System.Xml.Linq;
using GbcPortal.Core.Espi;
using GbcPortal.Core.Usage;

namespace GbcPortal.Core.Tests.Usage;

public sealed class UsageExportTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Mar8 = new(2026, 3, 8, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar9 = new(2026, 3, 9, 7, 0, 0, TimeSpan.Zero);
    private static readonly Uri Root = UsageExport.ResourceRoot(new Uri("https://portal.test/"));
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom", Espi = "http://naesb.org/espi";

    [Fact]
    public async Task Csv_HasTheGbcColumns_AndOneRowPerReading_WithLocalOffsets()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar8, Mar9, _ => 250);
        var export = new UsageExport(db.Factory);

        var lines = (await CsvAsync(export, (await export.FindAsync(db.OwnerId, db.ServiceId, Mar8, Mar9, Ct))!)).TrimEnd('\n').Split('\n');

        Assert.Equal("usage_point,reading_type,commodity,flow_direction,uom,start_utc,start_local,duration_s,value,quality,cost", lines[0]);
        Assert.Equal(1 + 92, lines.Length);
        Assert.Equal("1000000001,c1-f1-u72-i900,1,1,Wh,2026-03-08T08:00:00Z,2026-03-08T00:00:00-08:00,900,250,,", lines[1]);
        // 03:00 PDT follows 01:45 PST: the hour that does not exist is not there.
        Assert.Equal("1000000001,c1-f1-u72-i900,1,1,Wh,2026-03-08T10:00:00Z,2026-03-08T03:00:00-07:00,900,250,,", lines[9]);
    }

    [Fact]
    public async Task Espi_ReadsBackWithTheSameReadings()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar8, Mar9, t => t.Minute == 0 ? 400 : 250);
        await db.AddQuarterHoursAsync(db.ReceivedTypeId, FlowDirections.Reverse, Mar8, Mar9, _ => 50);
        var export = new UsageExport(db.Factory);

        var data = await export.FindAsync(db.OwnerId, db.ServiceId, Mar8, Mar9, Ct);
        var document = new EspiReader().Read(await EspiAsync(export, data!));

        Assert.Equal(2, document.Series.Count);
        var delivered = document.Series.Single(s => s.ReadingType.FlowDirection == FlowDirections.Forward);
        Assert.Equal(92, delivered.Readings.Count);
        Assert.Equal(23 * 400 + 69 * 250, delivered.Readings.Sum(r => r.Value), 6);
        Assert.Equal(92 * 50, document.Series.Single(s => s.ReadingType.FlowDirection == FlowDirections.Reverse).Readings.Sum(r => r.Value), 6);
    }

    [Fact]
    public async Task Espi_IdentitiesAreTheCsvs_AndEveryLinkHasTheOneRoot()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar8, Mar9, _ => 250);
        var export = new UsageExport(db.Factory);
        var data = (await export.FindAsync(db.OwnerId, db.ServiceId, Mar8, Mar9, Ct))!;

        var feed = XDocument.Load(await EspiAsync(export, data));
        var csvRow = (await CsvAsync(export, data)).Split('\n')[1].Split(',');

        var hrefs = feed.Descendants(Atom + "link").Select(l => l.Attribute("href")!.Value).ToList();
        Assert.All(hrefs, href => Assert.StartsWith("https://portal.test/espi/1_1/resource/", href, StringComparison.Ordinal));
        Assert.Equal($"https://portal.test/espi/1_1/resource/Subscription/{db.ServiceId}/UsagePoint/{csvRow[0]}", SelfOf(feed, "UsagePoint"));
        Assert.Equal($"https://portal.test/espi/1_1/resource/ReadingType/{csvRow[1]}", SelfOf(feed, "ReadingType"));
    }

    [Fact]
    public async Task Espi_CostCarriesTheCurrency_AndAPartialDaysBlockSpansItsReadings()
    {
        await using var db = await UsageDatabase.CreateAsync();
        var noon = Mar8.AddHours(12);
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, noon, noon.AddHours(1), _ => 250);
        await db.AddQuarterHoursAsync(db.ReceivedTypeId, FlowDirections.Reverse, noon, noon.AddHours(1), _ => 50);
        await using (var context = await db.Factory.CreateDbContextAsync(Ct))
        {
            foreach (var row in context.Readings.Where(r => r.ReadingTypeId == db.DeliveredTypeId))
                row.Cost = 0.0123m;
            await context.SaveChangesAsync(Ct);
        }
        var export = new UsageExport(db.Factory);

        var feed = XDocument.Load(await EspiAsync(export, (await export.FindAsync(db.OwnerId, db.ServiceId, null, null, Ct))!));

        var types = feed.Descendants(Espi + "ReadingType").ToList();
        Assert.Equal([840], types.Where(t => (int)t.Element(Espi + "flowDirection")! == 1).Select(t => (int)t.Element(Espi + "currency")!));
        Assert.Null(types.Single(t => (int)t.Element(Espi + "flowDirection")! == 19).Element(Espi + "currency"));
        foreach (var block in feed.Descendants(Espi + "IntervalBlock"))
        {
            var interval = block.Element(Espi + "interval")!;
            Assert.Equal(noon.ToUnixTimeSeconds(), (long)interval.Element(Espi + "start")!);
            Assert.Equal(3600, (long)interval.Element(Espi + "duration")!);
        }
    }

    [Fact]
    public async Task WholeHistory_HasEveryReadingInStartOrder()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddPatternAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar8.AddDays(-40), Mar9, 100, 7);
        var export = new UsageExport(db.Factory);

        var data = (await export.FindAsync(db.OwnerId, db.ServiceId, null, null, Ct))!;
        var rows = (await CsvAsync(export, data)).TrimEnd('\n').Split('\n').Skip(1).ToList();
        var document = new EspiReader().Read(await EspiAsync(export, data));

        var expected = (int)((Mar9 - Mar8.AddDays(-40)).TotalSeconds / 900);
        Assert.Equal(expected, rows.Count);
        Assert.Equal(expected, Assert.Single(document.Series).Readings.Count);
        Assert.Equal(rows.Order(StringComparer.Ordinal), rows);
        Assert.Equal(Mar9, data.Updated);
    }

    [Fact]
    public async Task AnotherCustomer_CannotExport()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar8, Mar9, _ => 250);
        var export = new UsageExport(db.Factory);

        Assert.Null(await export.FindAsync(db.OtherOwnerId, db.ServiceId, Mar8, Mar9, Ct));
        Assert.Null(await export.FindAsync(db.OtherOwnerId, db.ServiceId, null, null, Ct));
    }

    [Theory]
    [InlineData("c1/f1/u72/i900/k12/a4", "c1-f1-u72-i900-k12-a4")]
    [InlineData("c1/f19/u72/i3600/k/a", "c1-f19-u72-i3600")]
    public void ReadingTypeId_IsTheKeyAsOneLinkSegment(string key, string id) => Assert.Equal(id, UsageExport.ReadingTypeId(key));

    private static string SelfOf(XDocument feed, string resource) => feed.Root!.Elements(Atom + "entry")
        .Single(e => e.Element(Atom + "content")!.Element(Espi + resource) is not null)
        .Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value;

    private static async Task<string> CsvAsync(UsageExport export, UsageExportData data)
    {
        using var output = new MemoryStream();
        await export.WriteCsvAsync(data, output, Ct);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static async Task<MemoryStream> EspiAsync(UsageExport export, UsageExportData data)
    {
        var output = new MemoryStream();
        await export.WriteEspiAsync(data, output, Root, Ct);
        output.Position = 0;
        return output;
    }
}
