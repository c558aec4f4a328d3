namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// Turns Atom hrefs into comparable keys. Feeds mix absolute and relative links, add
/// trailing slashes and query strings, so links are compared by their path after
/// <c>/resource/</c> (or the whole path when there is none).
/// </summary>
internal static class LinkKey
{
    public static string Normalize(string href)
    {
        var span = href.AsSpan().Trim();
        var cut = span.IndexOfAny('?', '#');
        if (cut >= 0)
            span = span[..cut];
        var scheme = span.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var path = span[(scheme + 3)..];
            var slash = path.IndexOf('/');
            span = slash >= 0 ? path[slash..] : [];
        }
        var resource = span.LastIndexOf("/resource/", StringComparison.OrdinalIgnoreCase);
        if (resource >= 0)
            span = span[(resource + "/resource/".Length)..];
        return span.Trim('/').ToString();
    }

    /// <summary>The collection a link names, e.g. <c>…/MeterReading/1/IntervalBlock</c> → <c>…/MeterReading/1</c>.</summary>
    public static string? ParentOf(string key, string collection)
    {
        if (key.Length > collection.Length + 1
            && key.EndsWith(collection, StringComparison.OrdinalIgnoreCase)
            && key[key.Length - collection.Length - 1] == '/')
        {
            return key[..(key.Length - collection.Length - 1)];
        }
        return null;
    }

    /// <summary>The owner of an item link, e.g. <c>…/MeterReading/1/IntervalBlock/7</c> → <c>…/MeterReading/1</c>.</summary>
    public static string? OwnerOf(string key, string collection)
    {
        var lastSlash = key.LastIndexOf('/');
        return lastSlash > 0 ? ParentOf(key[..lastSlash], collection) : null;
    }

    /// <summary>The last <paramref name="segments"/> path segments, to match links written with different prefixes.</summary>
    public static string Tail(string key, int segments)
    {
        var index = key.Length;
        for (var i = 0; i < segments; i++)
        {
            index = key.LastIndexOf('/', index - 1);
            if (index <= 0)
                return key;
        }
        return key[(index + 1)..];
    }
}
