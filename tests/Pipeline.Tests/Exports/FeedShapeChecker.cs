using System.Xml.Linq;

namespace GbcPortal.Pipeline.Tests.Exports;

/// <summary>
/// Checks what readers that cannot be installed here trip on (eemeter's ESPI parser reads an
/// entry's links by position; several readers compare a block's interval with its readings):
/// every entry lists <c>up</c>, then <c>self</c>, then only <c>related</c>, its up being its self
/// without the last segment; every IntervalBlock spans exactly its readings, in order and without
/// overlapping the block before; every MeterReading names its blocks and a ReadingType of the feed;
/// a ReadingType whose readings carry cost names a currency.
/// </summary>
public static class FeedShapeChecker
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom", Espi = "http://naesb.org/espi";

    /// <summary>Every problem found, empty when the feed has the utility's shape.</summary>
    public static List<string> Check(XDocument feed)
    {
        var problems = new List<string>();
        var entries = feed.Root!.Elements(Atom + "entry").Select(e => new Entry(e)).ToList();
        foreach (var entry in entries)
            CheckLinks(entry, problems);

        var readingTypes = entries.Where(e => e.Content("ReadingType") is not null).ToDictionary(e => e.Self);
        var costedTypes = new HashSet<string>();
        foreach (var meterReading in entries.Where(e => e.Content("MeterReading") is not null))
        {
            var blockCollection = meterReading.Self + "/IntervalBlock";
            if (!meterReading.Related.Contains(blockCollection))
                problems.Add($"MeterReading {meterReading.Self} does not name its IntervalBlocks ({blockCollection}) as related");
            var type = meterReading.Related.FirstOrDefault(readingTypes.ContainsKey);
            if (type is null)
                problems.Add($"MeterReading {meterReading.Self} names no ReadingType of the feed");
            var blocks = entries.Where(e => e.Up == blockCollection && e.Content("IntervalBlock") is not null).ToList();
            if (CheckBlocks(blocks, problems) && type is not null)
                costedTypes.Add(type);
        }
        foreach (var type in costedTypes.Where(t => readingTypes[t].Content("ReadingType")!.Element(Espi + "currency") is null))
            problems.Add($"ReadingType {type} has readings with cost but no currency");
        return problems;
    }

    private static void CheckLinks(Entry entry, List<string> problems)
    {
        var rels = entry.Links.Select(l => l.Rel).ToList();
        if (rels.Count < 2 || rels[0] != "up" || rels[1] != "self" || rels.Skip(2).Any(r => r != "related"))
            problems.Add($"entry {entry.Self}: links are [{string.Join(", ", rels)}], not up, self, related…");
        else if (entry.Self[..entry.Self.LastIndexOf('/')] != entry.Up)
            problems.Add($"entry {entry.Self}: up is {entry.Up}, not its self link's collection");
    }

    // Returns whether any reading of the blocks carries cost.
    private static bool CheckBlocks(List<Entry> blocks, List<string> problems)
    {
        var costed = false;
        var previousEnd = long.MinValue;
        foreach (var block in blocks)
        {
            var content = block.Content("IntervalBlock")!;
            var (start, duration) = Interval(content.Element(Espi + "interval")!);
            var readings = content.Elements(Espi + "IntervalReading").Select(r => Interval(r.Element(Espi + "timePeriod")!)).ToList();
            costed |= content.Elements(Espi + "IntervalReading").Any(r => r.Element(Espi + "cost") is not null);
            if (readings.Count == 0)
            {
                problems.Add($"IntervalBlock {block.Self} has no readings");
                continue;
            }
            var (first, last) = (readings.Min(r => r.Start), readings.Max(r => r.Start + r.Duration));
            if (start != first || start + duration != last)
                problems.Add($"IntervalBlock {block.Self} spans [{start}, {start + duration}) but its readings span [{first}, {last})");
            if (readings.Zip(readings.Skip(1)).Any(p => p.Second.Start < p.First.Start + p.First.Duration))
                problems.Add($"IntervalBlock {block.Self} has readings out of order or overlapping");
            if (start < previousEnd)
                problems.Add($"IntervalBlock {block.Self} starts before the block before it ends ({previousEnd})");
            previousEnd = start + duration;
        }
        return costed;
    }

    private static (long Start, long Duration) Interval(XElement interval) =>
        ((long)interval.Element(Espi + "start")!, (long)interval.Element(Espi + "duration")!);

    private sealed class Entry(XElement element)
    {
        public List<(string Rel, string Href)> Links { get; } =
            [.. element.Elements(Atom + "link").Select(l => ((string?)l.Attribute("rel") ?? "", (string?)l.Attribute("href") ?? ""))];

        public string Self => Links.FirstOrDefault(l => l.Rel == "self").Href ?? "";

        public string Up => Links.FirstOrDefault(l => l.Rel == "up").Href ?? "";

        public List<string> Related => [.. Links.Where(l => l.Rel == "related").Select(l => l.Href)];

        public XElement? Content(string resource) => element.Element(Atom + "content")?.Element(Espi + resource);
    }
}
