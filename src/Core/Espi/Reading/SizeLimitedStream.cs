namespace GbcPortal.Core.Espi.Reading;

/// <summary>
/// Counts bytes as a reader pulls them and stops at the limit, for streams of unknown length: the XML reader's
/// guard, and the one way a body from the utility is read (<see cref="Gbc.BodyLimit"/>).
/// </summary>
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

    // Asynchronous reads stay asynchronous: Kestrel's request body refuses synchronous ones.
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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
