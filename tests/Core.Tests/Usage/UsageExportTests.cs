using GbcPortal.Core.Espi;
using GbcPortal.Core.Usage;

namespace GbcPortal.Core.Tests.Usage;

public sealed class UsageExportTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Mar8 = new(2026, 3, 8, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar9 = new(2026, 3, 9, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Csv_HasTheGbcColumns_AndOneRowPerReading_WithLocalOffsets()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar8, Mar9, _ => 250);
        var export = new UsageExport(db.Factory);

        var data = await export.LoadAsync(db.OwnerId, db.ServiceId, Mar8, Mar9, Ct);
        using var output = new MemoryStream();
        await UsageExport.WriteCsvAsync(data!, output, Ct);
        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n');

        Assert.Equal("usage_point,reading_type,commodity,flow_direction,uom,start_utc,start_local,duration_s,value,quality,cost", lines[0]);
        Assert.Equal(1 + 92, lines.Length);
        Assert.Equal("1000000001,c1/f1/u72/i900,1,1,Wh,2026-03-08T08:00:00Z,2026-03-08T00:00:00-08:00,900,250,,", lines[1]);
        // 03:00 PDT follows 01:45 PST: the hour that does not exist is not there.
        Assert.Equal("1000000001,c1/f1/u72/i900,1,1,Wh,2026-03-08T10:00:00Z,2026-03-08T03:00:00-07:00,900,250,,", lines[9]);
    }

    [Fact]
    public async Task Espi_ReadsBackWithTheSameReadings()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar8, Mar9, t => t.Minute == 0 ? 400 : 250);
        await db.AddQuarterHoursAsync(db.ReceivedTypeId, FlowDirections.Reverse, Mar8, Mar9, _ => 50);
        var export = new UsageExport(db.Factory);

        var data = await export.LoadAsync(db.OwnerId, db.ServiceId, Mar8, Mar9, Ct);
        using var output = new MemoryStream();
        UsageExport.WriteEspi(data!, output);
        output.Position = 0;
        var document = new EspiReader().Read(output);

        Assert.Equal(2, document.Series.Count);
        var delivered = document.Series.Single(s => s.ReadingType.FlowDirection == FlowDirections.Forward);
        Assert.Equal(92, delivered.Readings.Count);
        Assert.Equal(23 * 400 + 69 * 250, delivered.Readings.Sum(r => r.Value), 6);
        Assert.Equal(92 * 50, document.Series.Single(s => s.ReadingType.FlowDirection == FlowDirections.Reverse).Readings.Sum(r => r.Value), 6);
    }

    [Fact]
    public async Task AnotherCustomer_CannotExport()
    {
        await using var db = await UsageDatabase.CreateAsync();
        await db.AddQuarterHoursAsync(db.DeliveredTypeId, FlowDirections.Forward, Mar8, Mar9, _ => 250);
        var export = new UsageExport(db.Factory);

        Assert.Null(await export.LoadAsync(db.OtherOwnerId, db.ServiceId, Mar8, Mar9, Ct));
    }
}
