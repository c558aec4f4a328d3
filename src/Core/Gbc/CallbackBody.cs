using System.Xml;

namespace GbcPortal.Core.Gbc;

/// <summary>Tells a callback body's kind from its root element, reading no further than that.</summary>
public static class CallbackBody
{
    public static CallbackBodyKind Classify(Stream body)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(body, settings);
            if (reader.MoveToContent() != XmlNodeType.Element)
                return CallbackBodyKind.Unknown;
            return reader.LocalName switch
            {
                "feed" or "entry" => CallbackBodyKind.Feed,
                "BatchList" => CallbackBodyKind.BatchList,
                "UsageRequestStatus" => CallbackBodyKind.Status,
                _ => CallbackBodyKind.Unknown,
            };
        }
        catch (XmlException)
        {
            return CallbackBodyKind.Unknown;
        }
    }

    public static CallbackBodyKind Classify(ReadOnlySpan<byte> body)
    {
        using var stream = new MemoryStream(body.ToArray());
        return Classify(stream);
    }

    /// <summary>True when the first visible character (after a BOM) is '&lt;': the least a callback body must be.</summary>
    public static bool LooksLikeXml(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            body = body[3..];
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                continue;
            return b == (byte)'<';
        }
        return false;
    }
}
