using System.Xml;

namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// Element names atomized in the reader's name table, so the hot loop compares references
/// instead of strings and allocates nothing per element.
/// </summary>
internal sealed class EspiNames
{
    public const string EspiNamespace = "http://naesb.org/espi";
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public EspiNames(XmlNameTable table)
    {
        Table = table;
        Espi = table.Add(EspiNamespace);
        Atom = table.Add(AtomNamespace);
        Empty = table.Add(string.Empty);
        Feed = table.Add("feed");
        Entry = table.Add("entry");
        Link = table.Add("link");
        Id = table.Add("id");
        Title = table.Add("title");
        Content = table.Add("content");
        Rel = table.Add("rel");
        Href = table.Add("href");
        BatchList = table.Add("BatchList");
        Resources = table.Add("resources");
        UsagePoint = table.Add("UsagePoint");
        ServiceCategory = table.Add("ServiceCategory");
        Kind = table.Add("kind");
        MeterReading = table.Add("MeterReading");
        ReadingType = table.Add("ReadingType");
        LocalTimeParameters = table.Add("LocalTimeParameters");
        IntervalBlock = table.Add("IntervalBlock");
        Interval = table.Add("interval");
        IntervalReading = table.Add("IntervalReading");
        TimePeriod = table.Add("timePeriod");
        Start = table.Add("start");
        Duration = table.Add("duration");
        Value = table.Add("value");
        Cost = table.Add("cost");
        ReadingQuality = table.Add("ReadingQuality");
        Quality = table.Add("quality");
        UsageSummary = table.Add("UsageSummary");
        ElectricPowerUsageSummary = table.Add("ElectricPowerUsageSummary");
    }

    public XmlNameTable Table { get; }
    public string Espi { get; }
    public string Atom { get; }
    public string Empty { get; }
    public string Feed { get; }
    public string Entry { get; }
    public string Link { get; }
    public string Id { get; }
    public string Title { get; }
    public string Content { get; }
    public string Rel { get; }
    public string Href { get; }
    public string BatchList { get; }
    public string Resources { get; }
    public string UsagePoint { get; }
    public string ServiceCategory { get; }
    public string Kind { get; }
    public string MeterReading { get; }
    public string ReadingType { get; }
    public string LocalTimeParameters { get; }
    public string IntervalBlock { get; }
    public string Interval { get; }
    public string IntervalReading { get; }
    public string TimePeriod { get; }
    public string Start { get; }
    public string Duration { get; }
    public string Value { get; }
    public string Cost { get; }
    public string ReadingQuality { get; }
    public string Quality { get; }
    public string UsageSummary { get; }
    public string ElectricPowerUsageSummary { get; }
}
