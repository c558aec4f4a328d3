using GbcPortal.Core.Espi;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Ingest;

/// <summary>The rows one callback adds, and what it tells about the link (time zone, coverage).</summary>
internal sealed class ReadingBatch
{
    public List<StoredReading> Rows { get; } = [];

    public int Skipped { get; private set; }

    public DateTimeOffset? LatestEnd { get; private set; }

    public LocalTimeParameters? LocalTime { get; private set; }

    /// <summary>Builds the rows, creating the link's reading types it has not seen yet.</summary>
    public static async Task<ReadingBatch> BuildAsync(PortalDbContext db, ServiceLink link,
        IReadOnlyList<EspiDocument> documents, CancellationToken cancellationToken)
    {
        var batch = new ReadingBatch();
        var types = await db.ReadingTypes.Where(t => t.LinkId == link.Id).ToDictionaryAsync(t => t.Key, cancellationToken);
        foreach (var series in documents.SelectMany(d => d.Series))
        {
            if (!ElectricityFilter.Keeps(series))
            {
                batch.Skipped += series.Readings.Count;
                continue;
            }
            var key = ReadingTypeRow.KeyOf(series.ReadingType);
            if (!types.TryGetValue(key, out var type))
            {
                // Two callbacks of a new link may be ingested at once: both try, one row results, both get its id.
                type = await ReadingUpserter.InsertOrGetTypeAsync(db, ReadingTypeRow.From(link.Id, series.ReadingType), cancellationToken);
                types[key] = type;
            }
            batch.LocalTime ??= series.UsagePoint.LocalTime;
            var flow = series.ReadingType.FlowDirection ?? FlowDirections.Forward;
            foreach (var reading in series.Readings)
            {
                batch.Rows.Add(new StoredReading
                {
                    LinkId = link.Id,
                    ReadingTypeId = type.Id,
                    Start = reading.Start.ToUnixTimeSeconds(),
                    DurationSeconds = reading.DurationSeconds,
                    ValueWh = reading.Value,
                    FlowDirection = flow,
                    Quality = unchecked((long)reading.Quality.Mask),
                    Cost = reading.Cost,
                });
                if (batch.LatestEnd is null || reading.End > batch.LatestEnd)
                    batch.LatestEnd = reading.End;
            }
        }
        if (documents.Count > 1)
        {
            // Feeds fetched for one notification may overlap; one statement must not touch a row twice.
            var distinct = batch.Rows.DistinctBy(r => (r.ReadingTypeId, r.Start)).ToList();
            batch.Rows.Clear();
            batch.Rows.AddRange(distinct);
        }
        return batch;
    }
}
