using System.Security.Cryptography;
using System.Text;

namespace GbcPortal.Core.Espi.Writing;

/// <summary>
/// Builds resource hrefs as Green Button Connect servers do. An id that already is an http(s)
/// URL (a self link the reader kept) is used as the self link itself, so read → write keeps links.
/// </summary>
internal sealed class EspiLinks(Uri baseUri, string subscriptionId)
{
    private readonly string _root = baseUri.ToString().TrimEnd('/');
    private readonly string _subscription = Uri.EscapeDataString(subscriptionId);

    public string Feed => $"{_root}/Batch/Subscription/{_subscription}";

    public string UsagePoint(string id) =>
        IsHttpUrl(id) ? id : $"{_root}/Subscription/{_subscription}/UsagePoint/{Uri.EscapeDataString(id)}";

    public string ReadingType(string id) =>
        IsHttpUrl(id) ? id : $"{_root}/ReadingType/{Uri.EscapeDataString(id)}";

    public string LocalTimeParameters(int number) => $"{_root}/LocalTimeParameters/{number}";

    public static string MeterReadings(string usagePoint) => usagePoint + "/MeterReading";

    public static string UsageSummaries(string usagePoint) => usagePoint + "/UsageSummary";

    public static string IntervalBlocks(string meterReading) => meterReading + "/IntervalBlock";

    /// <summary>The collection a resource belongs to: its self link without the last segment.</summary>
    public static string Up(string self) => self[..self.TrimEnd('/').LastIndexOf('/')];

    /// <summary>A name-based (version 5 layout) UUID of the self link, so entry ids are stable across runs.</summary>
    public static string EntryId(string self)
    {
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(Encoding.UTF8.GetBytes(self), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash[..16]);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    private static bool IsHttpUrl(string id) =>
        Uri.TryCreate(id, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
