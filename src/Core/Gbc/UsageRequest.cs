using System.Text;
using System.Xml.Linq;

namespace GbcPortal.Core.Gbc;

/// <summary>
/// The Requestor's <c>UsageRequest</c>: the window [<see cref="Start"/>, <see cref="End"/>) of a Service ID's usage,
/// in UTC. The dispatcher builds it without <see cref="CallbackUri"/>: where callbacks arrive is the host's binding,
/// so <see cref="GbcClient"/> sets it from <see cref="ICallbackAddress"/>; <see cref="Parse"/> reads it off the wire.
/// <see cref="object.ToString"/> leaves the PIN out, so logging it is safe.
/// </summary>
public sealed record UsageRequest(
    string RequestId,
    string ServiceId,
    string Pin,
    DateTimeOffset Start,
    long DurationSeconds,
    Uri? CallbackUri = null)
{
    /// <summary>The protocol's limit on one request's window: 185 days.</summary>
    public const long MaxDurationSeconds = 185L * 24 * 3600;

    public DateTimeOffset End => Start.AddSeconds(DurationSeconds);

    /// <summary>A request for the window [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static UsageRequest ForWindow(string requestId, string serviceId, string pin, DateTimeOffset start, DateTimeOffset end) =>
        new(requestId, serviceId, pin, start, (long)(end - start).TotalSeconds);

    public byte[] ToXml() => GbcXml.ToBytes(
        new XElement(GbcXml.Gbc + "UsageRequest",
            new XAttribute(XNamespace.Xmlns + "espi", GbcXml.Espi),
            new XElement(GbcXml.Gbc + "requestId", RequestId),
            new XElement(GbcXml.Gbc + "serviceId", ServiceId),
            new XElement(GbcXml.Gbc + "pin", Pin),
            new XElement(GbcXml.Espi + "interval",
                new XElement(GbcXml.Espi + "duration", GbcXml.Format(DurationSeconds)),
                new XElement(GbcXml.Espi + "start", GbcXml.Format(Start.ToUnixTimeSeconds()))),
            new XElement(GbcXml.Gbc + "callbackUri", (CallbackUri ?? throw new InvalidOperationException(
                "A UsageRequest goes out with a callbackUri; GbcClient sets it.")).AbsoluteUri)));

    /// <summary>
    /// Reads a UsageRequest; throws <see cref="GbcMessageException"/> when it is malformed. Only
    /// the shape is checked here; the window rules belong to the utility.
    /// </summary>
    public static UsageRequest Parse(Stream body)
    {
        var root = GbcXml.Load(body, "UsageRequest");
        var interval = GbcXml.ChildElement(root, "interval") ?? throw new GbcMessageException("UsageRequest has no interval.");
        var start = GbcXml.RequiredLong(interval, "start");
        if (start is < 0 or > 253402300799)
            throw new GbcMessageException("interval/start is out of range.");
        var callback = GbcXml.Required(root, "callbackUri");
        if (!Uri.TryCreate(callback, UriKind.Absolute, out var callbackUri) || callbackUri.Scheme is not ("https" or "http"))
            throw new GbcMessageException("callbackUri is not an absolute http(s) URI.");

        return new UsageRequest(
            Bounded(GbcXml.Required(root, "requestId"), "requestId", 128),
            Bounded(GbcXml.Required(root, "serviceId"), "serviceId", 64),
            Bounded(GbcXml.Required(root, "pin"), "pin", 64),
            DateTimeOffset.FromUnixTimeSeconds(start),
            GbcXml.RequiredLong(interval, "duration"),
            callbackUri);
    }

    // Records print every property; the PIN must never reach a log line through ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"RequestId = {RequestId}, ServiceId = {ServiceId}, Pin = ***, ");
        builder.Append($"Start = {Start:O}, DurationSeconds = {DurationSeconds}, CallbackUri = {CallbackUri}");
        return true;
    }

    private static string Bounded(string value, string name, int max) =>
        value.Length <= max ? value : throw new GbcMessageException($"{name} is longer than {max} characters.");
}
