using System.Xml.Linq;

namespace GbcPortal.Core.Gbc;

/// <summary>
/// A refusal or failure: the body of a synchronous 4xx, or of an asynchronous callback
/// (then with <see cref="UtilityRequestId"/>). The Requestor treats both alike, by <see cref="Reason"/>.
/// </summary>
public sealed record UsageRequestStatus(
    string RequestId,
    string? UtilityRequestId,
    RequestState Status,
    StatusReason Reason,
    string Message)
{
    public byte[] ToXml() => GbcXml.ToBytes(
        new XElement(GbcXml.Gbc + "UsageRequestStatus",
            new XElement(GbcXml.Gbc + "requestId", RequestId),
            UtilityRequestId is null ? null : new XElement(GbcXml.Gbc + "utilityRequestId", UtilityRequestId),
            new XElement(GbcXml.Gbc + "status", Status.ToString()),
            new XElement(GbcXml.Gbc + "reason", Reason.ToString()),
            new XElement(GbcXml.Gbc + "message", Message)));

    /// <summary>Reads a UsageRequestStatus (synchronous body or asynchronous callback).</summary>
    public static UsageRequestStatus Parse(Stream body)
    {
        var root = GbcXml.Load(body, "UsageRequestStatus");
        return new UsageRequestStatus(
            GbcXml.Child(root, "requestId") ?? "",
            GbcXml.Child(root, "utilityRequestId") is { Length: > 0 } id ? id : null,
            ParseEnum<RequestState>(GbcXml.Required(root, "status"), "status"),
            ParseEnum<StatusReason>(GbcXml.Required(root, "reason"), "reason"),
            GbcXml.Child(root, "message") ?? "");
    }

    public static UsageRequestStatus Parse(ReadOnlySpan<byte> body)
    {
        using var stream = new MemoryStream(body.ToArray());
        return Parse(stream);
    }

    private static T ParseEnum<T>(string text, string name)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : throw new GbcMessageException($"UsageRequestStatus/{name} '{text}' is not one the protocol defines.");
}
