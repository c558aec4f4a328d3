using System.Globalization;
using System.Xml;

namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// A thin layer over <see cref="XmlReader"/>: walks children by depth, enforces the depth
/// limit on every element (also inside skipped ones), and reads numbers through a reused
/// buffer so that a reading costs no string allocation.
/// </summary>
internal sealed class XmlCursor(XmlReader reader, EspiNames names, int maxDepth)
{
    private const int MaxTextLength = 1 << 20;
    private char[] _buffer = new char[256];

    public XmlReader Reader { get; } = reader;

    public EspiNames Names { get; } = names;

    public int Line => (Reader as IXmlLineInfo)?.LineNumber ?? 0;

    public int Position => (Reader as IXmlLineInfo)?.LinePosition ?? 0;

    /// <summary>True when the current element is <paramref name="localName"/> in the ESPI or Atom namespace, or none.</summary>
    public bool Is(string localName)
    {
        if (!ReferenceEquals(Reader.LocalName, localName))
            return false;
        var ns = Reader.NamespaceURI;
        return ReferenceEquals(ns, Names.Espi) || ReferenceEquals(ns, Names.Atom) || ns.Length == 0;
    }

    /// <summary>The current element's local name (atomized) when it is in the ESPI or Atom namespace, or none; else null.</summary>
    public string? OurName()
    {
        var ns = Reader.NamespaceURI;
        return ReferenceEquals(ns, Names.Espi) || ReferenceEquals(ns, Names.Atom) || ns.Length == 0 ? Reader.LocalName : null;
    }

    public EspiFormatException Error(string message) => new(message, Line, Position);

    /// <summary>Moves to the next child element of the element at <paramref name="parentDepth"/>; false at its end.</summary>
    public bool NextChild(int parentDepth)
    {
        while (Reader.Read())
        {
            switch (Reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (Reader.Depth > maxDepth)
                        throw Error($"Elements are nested deeper than {maxDepth} levels");
                    return true;
                case XmlNodeType.EndElement when Reader.Depth <= parentDepth:
                    return false;
            }
        }
        throw Error("The feed ends before the element at depth " + parentDepth + " is closed");
    }

    /// <summary>Reads past the current element and everything in it.</summary>
    public void Skip()
    {
        if (Reader.IsEmptyElement)
            return;
        var depth = Reader.Depth;
        while (NextChild(depth))
            Skip();
    }

    /// <summary>The text of the current element (child elements skipped), valid until the next read.</summary>
    public ReadOnlySpan<char> ReadContent()
    {
        if (Reader.IsEmptyElement)
            return [];
        var depth = Reader.Depth;
        var length = 0;
        while (Reader.Read())
        {
            switch (Reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    length = AppendValue(length);
                    break;
                case XmlNodeType.Element:
                    if (Reader.Depth > maxDepth)
                        throw Error($"Elements are nested deeper than {maxDepth} levels");
                    Skip();
                    break;
                case XmlNodeType.EndElement when Reader.Depth <= depth:
                    return _buffer.AsSpan(0, length).Trim();
            }
        }
        throw Error("The feed ends inside an element");
    }

    public string? ReadString()
    {
        var text = ReadContent();
        return text.IsEmpty ? null : text.ToString();
    }

    /// <summary>An integer element; fractions are rounded and flagged; null when empty.</summary>
    public long? ReadInt64(string what, out bool fractional)
    {
        fractional = false;
        var text = ReadContent();
        if (text.IsEmpty)
            return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && double.IsFinite(real) && Math.Abs(real) < 9e18)
        {
            fractional = true;
            return (long)Math.Round(real, MidpointRounding.AwayFromZero);
        }
        throw Error($"'{what}' is not a number: '{Shorten(text)}'");
    }

    public int? ReadInt32(string what)
    {
        var value = ReadInt64(what, out _);
        if (value is < int.MinValue or > int.MaxValue)
            throw Error($"'{what}' is out of range: {value}");
        return (int?)value;
    }

    /// <summary>A reading's value: an integer in the schema, but some exports write decimals.</summary>
    public double? ReadDouble(string what)
    {
        var text = ReadContent();
        if (text.IsEmpty)
            return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            return whole;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            return real;
        throw Error($"'{what}' is not a number: '{Shorten(text)}'");
    }

    private int AppendValue(int length)
    {
        while (true)
        {
            if (length == _buffer.Length)
            {
                if (_buffer.Length >= MaxTextLength)
                    throw Error($"A text value is longer than {MaxTextLength} characters");
                Array.Resize(ref _buffer, _buffer.Length * 4);
            }
            var read = Reader.ReadValueChunk(_buffer, length, _buffer.Length - length);
            if (read == 0)
                return length;
            length += read;
        }
    }

    private static string Shorten(ReadOnlySpan<char> text) =>
        text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "…");
}
