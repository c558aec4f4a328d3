using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace GbcPortal.Core.Gbc;

/// <summary>Shared pieces of the GBC control messages: namespaces, a hardened reader, number formats.</summary>
internal static class GbcXml
{
    public static readonly XNamespace Gbc = "http://naesb.org/espi/gbc";
    public static readonly XNamespace Espi = "http://naesb.org/espi";

    /// <summary>Control messages are a few hundred bytes; anything near this is not one.</summary>
    public const int MaxMessageChars = 64 * 1024;

    /// <summary>Parses a small XML message with DTDs refused and size bounded.</summary>
    public static XElement Load(Stream stream, string expectedRoot)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxMessageChars,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        XElement root;
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            root = XElement.Load(reader);
        }
        catch (XmlException e)
        {
            throw new GbcMessageException($"The body is not well-formed XML: {e.Message}");
        }
        if (root.Name.LocalName != expectedRoot)
            throw new GbcMessageException($"Expected a {expectedRoot}, found {root.Name.LocalName}.");
        return root;
    }

    /// <summary>The text of a child by local name, whatever its namespace (peers differ in prefixes).</summary>
    public static string? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim();

    public static XElement? ChildElement(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static string Required(XElement parent, string localName) =>
        Child(parent, localName) is { Length: > 0 } value
            ? value
            : throw new GbcMessageException($"{parent.Name.LocalName} has no {localName}.");

    public static long RequiredLong(XElement parent, string localName)
    {
        var text = Required(parent, localName);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new GbcMessageException($"{parent.Name.LocalName}/{localName} is not a whole number.");
    }

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static byte[] ToBytes(XElement root)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) }))
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        return buffer.ToArray();
    }
}
