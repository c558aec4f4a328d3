using System.Xml.Linq;

namespace GbcPortal.Core.Gbc;

/// <summary>The utility's answer to an accepted request (202): it is queued under <see cref="UtilityRequestId"/>.</summary>
public sealed record UsageRequestReceipt(string RequestId, string UtilityRequestId, DateTimeOffset Received)
{
    public byte[] ToXml() => GbcXml.ToBytes(
        new XElement(GbcXml.Gbc + "UsageRequestReceipt",
            new XElement(GbcXml.Gbc + "requestId", RequestId),
            new XElement(GbcXml.Gbc + "utilityRequestId", UtilityRequestId),
            new XElement(GbcXml.Gbc + "received", GbcXml.Format(Received.ToUnixTimeSeconds()))));

    public static UsageRequestReceipt Parse(Stream body)
    {
        var root = GbcXml.Load(body, "UsageRequestReceipt");
        return new UsageRequestReceipt(
            GbcXml.Required(root, "requestId"),
            GbcXml.Required(root, "utilityRequestId"),
            DateTimeOffset.FromUnixTimeSeconds(GbcXml.RequiredLong(root, "received")));
    }
}
