using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Persistence;

/// <summary>
/// Readings of one series whose start is in [from, to): the one read every reader of readings shares.
/// On PostgreSQL the rows come from the view over day rows, and the range is also put on the view's
/// "Day" column, the day rows' key, so the server unnests only the days that can hold the range.
/// </summary>
public static class ReadingRange
{
    public static IQueryable<StoredReading> Of(PortalDbContext db, int linkId, int typeId, long from, long to)
    {
        var rows = db.Readings.AsNoTracking().Where(r => r.LinkId == linkId && r.ReadingTypeId == typeId && r.Start >= from && r.Start < to);
        if (!HasDays(db))
            return rows;
        if (from > long.MinValue + ReadingDayCodec.DaySeconds)
            rows = rows.Where(r => EF.Property<long>(r, PostgresPortalDbContext.DayColumn) > from - ReadingDayCodec.DaySeconds);
        if (to < long.MaxValue)
            rows = rows.Where(r => EF.Property<long>(r, PostgresPortalDbContext.DayColumn) < to);
        return rows;
    }

    /// <summary>SQL for <c>{alias}."Start" &gt;= from AND … &lt; to</c>, with the day rows' bound where readings are day rows.</summary>
    public static string Sql(PortalDbContext db, string alias, string from, string to) =>
        $"""{alias}."Start" >= {from} AND {alias}."Start" < {to}"""
        + (HasDays(db) ? $""" AND {alias}."Day" > {from} - {ReadingDayCodec.DaySeconds} AND {alias}."Day" < {to}""" : "");

    /// <summary>True where readings are stored as <see cref="ReadingDay"/> rows (PostgreSQL).</summary>
    public static bool HasDays(PortalDbContext db) => db.Model.FindEntityType(typeof(ReadingDay)) is not null;
}
