using System.Globalization;
using System.Xml;

namespace GbcPortal.Core.Espi.Writing;

/// <summary>The Atom side of a feed: the feed header and each entry's id, links, title and stamps.</summary>
internal sealed class AtomWriter(XmlWriter xml, DateTimeOffset updated)
{
    public const string AtomNs = "http://www.w3.org/2005/Atom";
    public const string EspiNs = "http://naesb.org/espi";

    private readonly string _stamp = updated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public XmlWriter Xml => xml;

    public void BeginFeed(string self, string title)
    {
        xml.WriteStartDocument();
        xml.WriteStartElement("feed", AtomNs);
        // Declared once on the root so entries do not repeat the namespace.
        xml.WriteAttributeString("xmlns", "espi", null, EspiNs);
        xml.WriteElementString("id", AtomNs, EspiLinks.EntryId(self));
        WriteTitle(title);
        xml.WriteElementString("updated", AtomNs, _stamp);
        WriteLink("self", self);
    }

    public void EndFeed()
    {
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>Opens an entry and its <c>content</c>; the caller writes the ESPI element, then <see cref="EndEntry"/>.</summary>
    public void BeginEntry(string self, string title, params ReadOnlySpan<string> related)
    {
        xml.WriteStartElement("entry", AtomNs);
        xml.WriteElementString("id", AtomNs, EspiLinks.EntryId(self));
        // up, then self, then related: the utility's own order. Some readers (eemeter's ESPI parser)
        // take an entry's links by position and fail on any other.
        WriteLink("up", EspiLinks.Up(self));
        WriteLink("self", self);
        foreach (var href in related)
            WriteLink("related", href);
        WriteTitle(title);
        xml.WriteElementString("published", AtomNs, _stamp);
        xml.WriteElementString("updated", AtomNs, _stamp);
        xml.WriteStartElement("content", AtomNs);
    }

    public void EndEntry()
    {
        xml.WriteEndElement(); // content
        xml.WriteEndElement(); // entry
    }

    private void WriteLink(string rel, string href)
    {
        xml.WriteStartElement("link", AtomNs);
        xml.WriteAttributeString("href", href);
        xml.WriteAttributeString("rel", rel);
        xml.WriteEndElement();
    }

    private void WriteTitle(string title)
    {
        xml.WriteStartElement("title", AtomNs);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(title);
        xml.WriteEndElement();
    }
}
