using System.Xml;

namespace GbcPortal.Core.Utility;

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
}
