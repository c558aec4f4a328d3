using Microsoft.AspNetCore.Http.Features;

namespace GbcPortal.Portal.Callbacks;

/// <summary>Reads a callback body under a size limit, and sniffs whether it could be XML.</summary>
internal static class CallbackBodyReader
{
    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellation)
    {
        if (request.ContentLength > limit)
            return null;
        // Kestrel's own 30 MB cap would end the read with an exception; this limit is ours to answer.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit + 1;
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 64 * 1024);
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > limit)
                return null; // chunked bodies carry no length: stop reading at the limit
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>True when the first visible character (after a BOM) is '&lt;'.</summary>
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
