namespace GbcPortal.Core.Espi.Reading;

/// <summary>Counts bytes as the XML reader pulls them and stops at the limit, for streams of unknown length.</summary>
internal sealed class SizeLimitedStream(Stream inner, long maxBytes) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    private int Count(int read)
    {
        _read += read;
        if (_read > maxBytes)
            throw new FeedTooLargeException(maxBytes);
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal sealed class FeedTooLargeException(long maxBytes) : Exception(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The feed is larger than {maxBytes:N0} bytes"))
{
    public long MaxBytes { get; } = maxBytes;
}
