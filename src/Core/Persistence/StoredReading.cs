namespace GbcPortal.Core.Persistence;

/// <summary>
/// One interval reading, a fact keyed by (link, reading type, start): overlapping windows and repeated
/// callbacks upsert the same row. A missing interval is a missing row, never a zero. SQLite stores it as a
/// row of the table "Readings"; PostgreSQL as a slot of a <see cref="ReadingDay"/>, and "Readings" there is the
/// view that unnests them (read-only: written through <c>ReadingUpserter</c>).
/// </summary>
public class StoredReading
{
    public int LinkId { get; set; }

    public int ReadingTypeId { get; set; }

    /// <summary>UTC epoch seconds (the ESPI form), so range scans on the key are cheap.</summary>
    public long Start { get; set; }

    public int DurationSeconds { get; set; }

    /// <summary>The value in its base unit (Wh for electricity energy), multiplier applied.</summary>
    public double ValueWh { get; set; }

    /// <summary>Copied from the reading type so usage queries need no join.</summary>
    public int FlowDirection { get; set; }

    /// <summary>ReadingQuality codes as a bit mask (<see cref="Espi.QualityCodes"/>).</summary>
    public long Quality { get; set; }

    /// <summary>Cost in currency units, when the feed carries it.</summary>
    public decimal? Cost { get; set; }
}
