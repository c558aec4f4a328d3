using System.Text;
using GbcPortal.Core.Espi;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Usage;

/// <summary>
/// The readings of the period on screen, as CSV (the columns of <c>gbc espi csv</c>) or as a Green
/// Button ESPI feed (through <see cref="EspiWriter"/>). Only the owner's service is exported.
/// </summary>
public sealed class UsageExport(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>The readings of a view's period, in the service's own time zone; null when the service is not the owner's.</summary>
    public async Task<UsageExportData?> LoadPeriodAsync(string ownerId, string serviceId, UsageView view, DateOnly anchor,
        CancellationToken ct = default)
    {
        string zoneId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await UsageQueries.FindLinkAsync(db, ownerId, serviceId, ct) is not { } link)
                return null;
            zoneId = link.TimeZoneId;
        }
        var period = UsagePeriod.Of(view, anchor, UsageZones.Find(zoneId));
        return await LoadAsync(ownerId, serviceId, period.From, period.To, ct);
    }

    /// <summary>The series of [from, to), or null when the service is not the owner's.</summary>
    public async Task<UsageExportData?> LoadAsync(string ownerId, string serviceId, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await UsageQueries.FindLinkAsync(db, ownerId, serviceId, ct) is not { } link)
            return null;
        var zone = UsageZones.Find(link.TimeZoneId);
        var usagePoint = new UsagePointInfo(link.ServiceId, ServiceKind.Electricity, $"Service {link.ServiceId}", LocalTimeOf(link));
        var types = await db.ReadingTypes.AsNoTracking().Where(t => t.LinkId == link.Id).OrderBy(t => t.Id).ToListAsync(ct);
        var (start, end) = (from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds());
        var series = new List<EspiSeries>();
        foreach (var type in types)
        {
            var readings = await db.Readings.AsNoTracking()
                .Where(r => r.LinkId == link.Id && r.ReadingTypeId == type.Id && r.Start >= start && r.Start < end)
                .OrderBy(r => r.Start)
                .Select(r => new IntervalReading(DateTimeOffset.FromUnixTimeSeconds(r.Start), r.DurationSeconds, r.ValueWh, r.Cost,
                    new QualityCodes((ulong)r.Quality)))
                .ToListAsync(ct);
            if (readings.Count > 0)
                series.Add(new EspiSeries(usagePoint, ToInfo(type), readings));
        }
        return new UsageExportData(link.ServiceId, zone, from, to, series);
    }

    /// <summary>The CSV of <c>gbc espi csv</c>, written by the same <see cref="EspiCsv"/>.</summary>
    public static async Task WriteCsvAsync(UsageExportData data, Stream output, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        ct.ThrowIfCancellationRequested();
        EspiCsv.Write(data.Series, writer);
        await writer.FlushAsync(ct);
    }

    public static void WriteEspi(UsageExportData data, Stream output, EspiWriterOptions? options = null) =>
        EspiWriter.Write(output, data.Series, options ?? new EspiWriterOptions
        {
            SubscriptionId = data.ServiceId,
            Title = $"Green Button usage for Service {data.ServiceId}",
        });

    private static ReadingTypeInfo ToInfo(ReadingTypeRow row) => new(
        row.EspiId ?? row.Key, row.Commodity, row.FlowDirection, row.Uom, row.PowerOfTenMultiplier,
        row.IntervalLengthSeconds, row.Kind, row.Accumulation);

    // The feed's own LocalTimeParameters when one arrived; the utility's Pacific rules otherwise.
    private static LocalTimeParameters LocalTimeOf(ServiceLink link) =>
        link is { TzOffsetSeconds: { } tz, DstOffsetSeconds: { } dst, DstStartRule: { } start, DstEndRule: { } end }
            ? new LocalTimeParameters(tz, dst, (uint)start, (uint)end)
            : LocalTimeParameters.Pacific;
}
