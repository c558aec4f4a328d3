using GbcPortal.Core.Espi;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Portal.Tests;

/// <summary>Rows the page tests start from, written with the real model.</summary>
public static class SeedData
{
    public static async Task<ServiceLink> LinkAsync(IDbContextFactory<PortalDbContext> factory, string ownerId, string serviceId,
        LinkStatus status = LinkStatus.Active, params DataRequest[] requests)
    {
        await using var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var now = new DateTimeOffset(2026, 3, 12, 18, 0, 0, TimeSpan.Zero);
        var link = new ServiceLink { OwnerId = ownerId, ServiceId = serviceId, Status = status, CreatedAt = now, StatusChangedAt = now };
        link.Requests.AddRange(requests);
        db.ServiceLinks.Add(link);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return link;
    }

    /// <summary>A delivered series of 15-minute readings of <paramref name="wh"/> each over [from, to); calls add to one series.</summary>
    public static async Task<int> QuarterHoursAsync(IDbContextFactory<PortalDbContext> factory, int linkId,
        DateTimeOffset from, DateTimeOffset to, double wh)
    {
        await using var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        const string key = "c1/f1/u72/i900";
        var type = await db.ReadingTypes.FirstOrDefaultAsync(t => t.LinkId == linkId && t.Key == key, TestContext.Current.CancellationToken);
        if (type is null)
        {
            type = new ReadingTypeRow
            {
                LinkId = linkId, Key = key, FlowDirection = FlowDirections.Forward, Uom = UnitOfMeasure.WattHours,
                Commodity = 1, IntervalLengthSeconds = 900,
            };
            db.ReadingTypes.Add(type);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        for (var t = from; t < to; t = t.AddMinutes(15))
        {
            db.Readings.Add(new StoredReading
            {
                LinkId = linkId, ReadingTypeId = type.Id, Start = t.ToUnixTimeSeconds(), DurationSeconds = 900,
                ValueWh = wh, FlowDirection = FlowDirections.Forward,
            });
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return type.Id;
    }

    public static DataRequest Request(RequestStatus status, RequestKind kind = RequestKind.Backfill, ReasonCode? reason = null,
        string? utilityMessage = null)
    {
        var now = new DateTimeOffset(2026, 3, 12, 18, 0, 0, TimeSpan.Zero);
        var request = DataRequests.New(status, now, kind, reason: reason, utilityMessage: utilityMessage);
        // Sent three days before the pages' "now": waiting on the utility, not just sent.
        if (status == RequestStatus.Submitted)
            request.SubmittedAt = now.AddDays(-3);
        return request;
    }
}
