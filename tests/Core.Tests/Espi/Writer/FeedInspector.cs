using System.Xml.Linq;

namespace GbcPortal.Core.Tests.Espi.Writer;

/// <summary>Reads a written feed with LINQ to XML: an independent view of what the writer produced.</summary>
internal sealed class FeedInspector(Stream feed)
{
    public static readonly XNamespace AtomNs = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace EspiNs = "http://naesb.org/espi";

    public XDocument Document { get; } = XDocument.Load(feed);

    public IEnumerable<XElement> Entries => Document.Root!.Elements(AtomNs + "entry");

    /// <summary>The entries whose content is an ESPI element named <paramref name="resource"/>.</summary>
    public List<XElement> EntriesOf(string resource) =>
        [.. Entries.Where(e => e.Element(AtomNs + "content")!.Element(EspiNs + resource) is not null)];

    public static XElement Content(XElement entry, string resource) => entry.Element(AtomNs + "content")!.Element(EspiNs + resource)!;

    public static string Link(XElement entry, string rel) =>
        entry.Elements(AtomNs + "link").Single(l => (string?)l.Attribute("rel") == rel).Attribute("href")!.Value;

    public static List<string> Links(XElement entry, string rel) =>
        [.. entry.Elements(AtomNs + "link").Where(l => (string?)l.Attribute("rel") == rel).Select(l => l.Attribute("href")!.Value)];

    public static long Number(XElement parent, string name) => (long)parent.Element(EspiNs + name)!;
}
