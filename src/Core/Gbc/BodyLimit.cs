using GbcPortal.Core.Espi.Reading;

namespace GbcPortal.Core.Gbc;

/// <summary>Reads a body from the utility into memory, never more than <see cref="BodyLimitOptions.MaxBodyBytes"/>.</summary>
public static class BodyLimit
{
    /// <summary>
    /// The body, or null when it is longer than <paramref name="limit"/> bytes: refused at once when the declared
    /// length says so, else as soon as the bytes read pass it (a chunked body declares none).
    /// </summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (declaredLength > limit)
            return null;
        using var buffer = new MemoryStream(declaredLength is { } length ? (int)Math.Min(length, Array.MaxLength) : 64 * 1024);
        try
        {
            await new SizeLimitedStream(body, limit).CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (FeedTooLargeException)
        {
            return null;
        }
        return buffer.ToArray();
    }
}
