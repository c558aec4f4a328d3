using System.Runtime.CompilerServices;
using System.Text;
using GbcPortal.Core.Espi;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Usage;

/// <summary>
/// A service's readings as CSV (the columns of <c>gbc espi csv</c>) or as a Green Button ESPI feed,
/// for the period on screen or the whole history. Both are streamed from the database to the
/// output, one series after the other, so their size does not depend on memory. Only the owner's
/// service is exported.
/// </summary>
/// <remarks>
/// Identities are the same in both files: <c>usage_point</c> is the Service ID, the last segment
/// of the UsagePoint's self link (<c>…/Subscription/{id}/UsagePoint/{id}</c>); <c>reading_type</c>
/// is the stored type's key (<c>c1-f1-u72-i900</c>: commodity, flow, uom, interval, kind,
/// accumulation), the last segment of the ReadingType's self link.
/// </remarks>
public sealed class UsageExport(IDbContextFactory<PortalDbContext> dbFactory, IOptions<UtilityTimeZoneOptions>? utility = null)
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>A view's period, in the service's own time zone; null when the service is not the owner's.</summary>
    public async Task<UsageExportData?> FindPeriodAsync(string ownerId, string serviceId, UsageView view, DateOnly anchor,
        CancellationToken ct = default)
    {
        string zoneId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await UsageQueries.FindLinkAsync(db, ownerId, serviceId, ct) is not { } link)
                return null;
            zoneId = link.TimeZoneId;
        }
        var period = UsagePeriod.Of(view, anchor, (utility?.Value ?? new UtilityTimeZoneOptions()).ZoneOf(zoneId));
        return await FindAsync(ownerId, serviceId, period.From, period.To, ct);
    }

    /// <summary>The series of [from, to) (null bounds: the whole history), or null when the service is not the owner's.</summary>
    public async Task<UsageExportData?> FindAsync(string ownerId, string serviceId, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await UsageQueries.FindLinkAsync(db, ownerId, serviceId, ct) is not { } link)
            return null;
        var usagePoint = new UsagePointInfo(link.ServiceId, ServiceKind.Electricity, $"Service {link.ServiceId}", LocalTimeOf(link));
        var types = await db.ReadingTypes.AsNoTracking().Where(t => t.LinkId == link.Id).OrderBy(t => t.Id).ToListAsync(ct);
        var (start, end) = Bounds(from, to);
        var series = new List<UsageExportSeries>();
        var updated = from ?? DateTimeOffset.UnixEpoch;
        foreach (var type in types)
        {
            var rows = InRange(db, link.Id, type.Id, start, end);
            // Newest end first: the key's order, so this reads one row, not the range (on PostgreSQL the range's day rows, unnested).
            var latest = await rows.OrderByDescending(r => r.Start).Select(r => (long?)(r.Start + r.DurationSeconds)).FirstOrDefaultAsync(ct);
            if (latest is null)
                continue;
            var hasCost = await rows.AnyAsync(r => r.Cost != null, ct);
            series.Add(new UsageExportSeries(type.Id, ToInfo(type, hasCost)));
            if (DateTimeOffset.FromUnixTimeSeconds(latest.Value) > updated)
                updated = DateTimeOffset.FromUnixTimeSeconds(latest.Value);
        }
        return new UsageExportData(link.ServiceId, link.Id, usagePoint, from, to, series, updated);
    }

    /// <summary>The CSV of <c>gbc espi csv</c>, written by the same <see cref="EspiCsv"/> rows.</summary>
    public async Task WriteCsvAsync(UsageExportData data, Stream output, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream(ChunkBytes * 2);
        await using var writer = new StreamWriter(buffer, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        EspiCsv.WriteHeader(writer);
        foreach (var series in data.Series)
        {
            var prefix = EspiCsv.Prefix(data.UsagePoint, series.ReadingType);
            await foreach (var reading in ReadingsAsync(data, series.ReadingTypeId, ct))
            {
                EspiCsv.WriteRow(writer, prefix, data.UsagePoint.LocalTime, reading);
                if (buffer.Length >= ChunkBytes)
                    await DrainAsync(buffer, output, ct);
            }
        }
        await writer.FlushAsync(ct);
        await DrainAsync(buffer, output, ct);
    }

    /// <summary>The Green Button feed, every link under <paramref name="resourceRoot"/> (see <see cref="ResourceRoot"/>).</summary>
    public Task WriteEspiAsync(UsageExportData data, Stream output, Uri resourceRoot, CancellationToken ct = default) =>
        EspiWriter.WriteAsync(output, data.UsagePoint,
            [.. data.Series.Select(s => new EspiSeriesSource(s.ReadingType, ReadingsAsync(data, s.ReadingTypeId, ct)))],
            new EspiWriterOptions
            {
                BaseUri = resourceRoot,
                SubscriptionId = data.ServiceId,
                Title = $"Green Button usage for Service {data.ServiceId}",
                Updated = data.Updated,
            }, ct);

    /// <summary>Where an export's resource links start: <c>{publicBaseUrl}/espi/1_1/resource</c>.</summary>
    public static Uri ResourceRoot(Uri publicBaseUrl) => new(publicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/espi/1_1/resource");

    /// <summary>The stored type's key as a link segment: <c>c1/f1/u72/i900/k12/a4</c> → <c>c1-f1-u72-i900-k12-a4</c>, empty parts left out.</summary>
    public static string ReadingTypeId(string key) =>
        string.Join('-', key.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part.Length > 1));

    private async IAsyncEnumerable<IntervalReading> ReadingsAsync(UsageExportData data, int typeId, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (start, end) = Bounds(data.From, data.To);
        var rows = InRange(db, data.LinkId, typeId, start, end)
            .OrderBy(r => r.Start)
            .Select(r => new { r.Start, r.DurationSeconds, r.ValueWh, r.Cost, r.Quality })
            .AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(ct))
            yield return new IntervalReading(DateTimeOffset.FromUnixTimeSeconds(r.Start), r.DurationSeconds, r.ValueWh, r.Cost,
                new QualityCodes(unchecked((ulong)r.Quality)));
    }

    private static IQueryable<StoredReading> InRange(PortalDbContext db, int linkId, int typeId, long start, long end) =>
        ReadingRange.Of(db, linkId, typeId, start, end);

    private static (long Start, long End) Bounds(DateTimeOffset? from, DateTimeOffset? to) =>
        (from?.ToUnixTimeSeconds() ?? long.MinValue, to?.ToUnixTimeSeconds() ?? long.MaxValue);

    private static async Task DrainAsync(MemoryStream buffer, Stream output, CancellationToken ct)
    {
        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        buffer.SetLength(0);
    }

    private static ReadingTypeInfo ToInfo(ReadingTypeRow row, bool hasCost) => new(
        ReadingTypeId(row.Key), row.Commodity, row.FlowDirection, row.Uom, row.PowerOfTenMultiplier,
        row.IntervalLengthSeconds, row.Kind, row.Accumulation,
        // cost is in hundred-thousandths of the type's currency; the utility bills in US dollars
        Currency: hasCost ? EspiWriterOptions.UsDollars : null);

    // The feed's own LocalTimeParameters when one arrived; the utility's Pacific rules otherwise.
    private static LocalTimeParameters LocalTimeOf(ServiceLink link) =>
        link is { TzOffsetSeconds: { } tz, DstOffsetSeconds: { } dst, DstStartRule: { } start, DstEndRule: { } end }
            ? new LocalTimeParameters(tz, dst, (uint)start, (uint)end)
            : LocalTimeParameters.Pacific;
}
