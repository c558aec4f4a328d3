namespace GbcPortal.Core.Espi.Inspection;

/// <summary>What a Green Button file holds, as <c>gbc espi inspect</c> and the upload page report it. Times are ISO 8601 UTC strings.</summary>
public sealed record InspectReport(
    string File,
    string Kind,
    IReadOnlyList<UsagePointReport> UsagePoints,
    IReadOnlyList<SeriesReport> Series,
    IReadOnlyList<FlowTotal> Totals,
    int Readings,
    int DuplicatesDropped,
    string? Start,
    string? End,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> ResourceUris);

public sealed record UsagePointReport(string Id, string Kind, string? Title, LocalTimeReport? LocalTime);

public sealed record LocalTimeReport(int TzOffsetSeconds, int DstOffsetSeconds, string DstStartRule, string DstEndRule);

public sealed record SeriesReport(
    string UsagePoint,
    string ReadingType,
    int? Commodity,
    int? FlowDirection,
    string Flow,
    int Uom,
    string Unit,
    int PowerOfTenMultiplier,
    int? IntervalLengthSeconds,
    int Readings,
    string? Start,
    string? End,
    int Gaps,
    long MissingIntervals,
    double Total,
    string TotalUnit);

/// <summary>The sum of all readings of one flow direction in one unit (kWh for Wh readings).</summary>
public sealed record FlowTotal(int? FlowDirection, string Flow, double Total, string Unit, int Series, int Readings);
