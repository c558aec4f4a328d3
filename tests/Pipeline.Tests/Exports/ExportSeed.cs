using GbcPortal.Core.Espi;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Pipeline.Tests.Exports;

/// <summary>One seeded series: what the database holds, so expected figures need no portal code.</summary>
public sealed record SeededSeries(int Flow, string Key, int Multiplier, IReadOnlyList<StoredReading> Readings);

/// <summary>
/// Two services with readings written straight into the portal's database: a rooftop-solar one
/// (15-minute, both flows, mWh, revenue quality 19, costs on delivered; it starts and ends
/// mid-day, across the spring-forward change) and a plain hourly one in Wh across the fall-back
/// change, some readings estimated (quality 8).
/// </summary>
public static class ExportSeed
{
    public const string Solar = "1000000101", Plain = "1000000102";

    // 2026-02-01 13:00 PST .. 2026-04-10 12:00 PDT; 2025-10-20 00:00 PDT .. 2025-12-03 00:00 PST.
    public static readonly DateTimeOffset SolarFrom = new(2026, 2, 1, 21, 0, 0, TimeSpan.Zero), SolarTo = new(2026, 4, 10, 19, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset PlainFrom = new(2025, 10, 20, 7, 0, 0, TimeSpan.Zero), PlainTo = new(2025, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    public static Dictionary<string, List<SeededSeries>> Series { get; } = new()
    {
        [Solar] =
        [
            new(FlowDirections.Forward, "c1/f1/u72/i900/k12/a4", -3, Make(SolarFrom, SolarTo, 900, i =>
                (150 + (i * 7919 % 400_000) / 1000.0, 19, Math.Round((150_000 + i * 7919 % 400_000) * 0.00000031m, 5)))),
            new(FlowDirections.Reverse, "c1/f19/u72/i900/k12/a4", -3, Make(SolarFrom, SolarTo, 900, i =>
            {
                var hour = TimeZoneInfo.ConvertTime(SolarFrom.AddSeconds(900L * i), Pacific).Hour;
                return (hour is >= 8 and < 17 ? i * 104_729 % 900_000 / 1000.0 : 0, 19, null);
            })),
        ],
        [Plain] =
        [
            new(FlowDirections.Forward, "c1/f1/u72/i3600/k12/a4", 0, Make(PlainFrom, PlainTo, 3600, i =>
                (300 + i * 37 % 900, i % 10 == 0 ? 8 : null, null))),
        ],
    };

    /// <summary>The seeded readings of <paramref name="serviceId"/> in [from, to): count and Wh per flow.</summary>
    public static Dictionary<int, (int Count, double Wh)> Truth(string serviceId, DateTimeOffset from, DateTimeOffset to) =>
        Series[serviceId].ToDictionary(s => s.Flow, s =>
        {
            var inRange = s.Readings.Where(r => r.Start >= from.ToUnixTimeSeconds() && r.Start < to.ToUnixTimeSeconds()).ToList();
            return (inRange.Count, inRange.Sum(r => r.ValueWh));
        });

    /// <summary>Links both services (Active) to <paramref name="ownerId"/> and adds their readings.</summary>
    public static async Task AddAsync(IDbContextFactory<PortalDbContext> databases, string ownerId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        foreach (var (serviceId, series) in Series)
        {
            var link = new ServiceLink
            {
                OwnerId = ownerId,
                ServiceId = serviceId,
                Status = LinkStatus.Active,
                CreatedAt = SolarFrom,
                StatusChangedAt = SolarFrom,
            };
            db.ServiceLinks.Add(link);
            await db.SaveChangesAsync(ct);
            foreach (var s in series)
            {
                var type = new ReadingTypeRow
                {
                    LinkId = link.Id,
                    Key = s.Key,
                    FlowDirection = s.Flow,
                    Uom = UnitOfMeasure.WattHours,
                    Commodity = 1,
                    IntervalLengthSeconds = s.Readings[0].DurationSeconds,
                    Kind = 12,
                    Accumulation = 4,
                    PowerOfTenMultiplier = s.Multiplier,
                };
                db.ReadingTypes.Add(type);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                foreach (var r in s.Readings)
                {
                    db.Readings.Add(new StoredReading
                    {
                        LinkId = link.Id,
                        ReadingTypeId = type.Id,
                        Start = r.Start,
                        DurationSeconds = r.DurationSeconds,
                        ValueWh = r.ValueWh,
                        FlowDirection = s.Flow,
                        Quality = r.Quality,
                        Cost = r.Cost,
                    });
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                db.ChangeTracker.AutoDetectChangesEnabled = true;
            }
        }
    }

    private static List<StoredReading> Make(DateTimeOffset from, DateTimeOffset to, int step, Func<int, (double Wh, int? Quality, decimal? Cost)> value)
    {
        var readings = new List<StoredReading>();
        for (var i = 0; from.AddSeconds((long)step * i) < to; i++)
        {
            var (wh, quality, cost) = value(i);
            readings.Add(new StoredReading
            {
                Start = from.ToUnixTimeSeconds() + (long)step * i,
                DurationSeconds = step,
                ValueWh = wh,
                Cost = cost,
                Quality = quality is { } q ? (long)new QualityCodes().With(q).Mask : 0,
            });
        }
        return readings;
    }
}
