namespace GbcPortal.Core.Persistence;

/// <summary>
/// PostgreSQL's storage of readings: one row per reading type and UTC day, the day's readings as arrays
/// indexed by slot (slot <c>i</c> starts at <c>Day + i * IntervalSeconds</c>), a missing interval a NULL
/// element. A row a reading cost 108 bytes there (tuple header, line pointer, alignment and a key entry per
/// reading); this is about a tenth (README, "PostgreSQL readings at 10 million"). Code does not read it:
/// the view "Readings" unnests it into <see cref="StoredReading"/> rows, and <see cref="ReadingDayCodec"/>
/// writes it. SQLite keeps its table "Readings" (26 B a reading there already).
/// </summary>
public class ReadingDay
{
    public int LinkId { get; set; }

    public int ReadingTypeId { get; set; }

    /// <summary>The UTC midnight the row covers, epoch seconds: [Day, Day + 86400).</summary>
    public long Day { get; set; }

    /// <summary>The slot width: divides a day, and every reading's start in the row is on a slot.</summary>
    public int IntervalSeconds { get; set; }

    /// <summary>Copied from the reading type, as <see cref="StoredReading.FlowDirection"/>.</summary>
    public int FlowDirection { get; set; }

    /// <summary>Wh by slot, up to the last filled slot; NULL where no reading.</summary>
    public double?[] Values { get; set; } = [];

    /// <summary>Quality masks by slot; NULL when every reading of the day has none.</summary>
    public long?[]? Qualities { get; set; }

    /// <summary>Costs by slot; NULL when no reading of the day carries one.</summary>
    public decimal?[]? Costs { get; set; }

    /// <summary>Durations by slot where a reading's duration is not the slot width; NULL when none differs (the usual case).</summary>
    public int?[]? Durations { get; set; }
}
