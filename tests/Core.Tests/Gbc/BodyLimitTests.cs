using GbcPortal.Core.Gbc;

namespace GbcPortal.Core.Tests.Gbc;

/// <summary>The one way a body from the utility is read: never more than the limit, and only asynchronously.</summary>
public sealed class BodyLimitTests
{
    private const long Limit = 100_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABodyOfExactlyTheLimit_IsReadWhole()
    {
        var body = await BodyLimit.ReadAsync(new EndlessStream(Limit), declaredLength: null, Limit, Ct);

        Assert.NotNull(body);
        Assert.Equal(Limit, body.Length);
        Assert.All(body, b => Assert.Equal((byte)'x', b));
    }

    [Fact]
    public async Task AnUndeclaredBodyOverTheLimit_IsRefused_WithoutReadingItToTheEnd()
    {
        var endless = new EndlessStream(long.MaxValue);

        var body = await BodyLimit.ReadAsync(endless, declaredLength: null, Limit, Ct);

        Assert.Null(body);
        Assert.InRange(endless.Served, Limit + 1, Limit + 128 * 1024);
    }

    [Fact]
    public async Task ADeclaredLengthOverTheLimit_IsRefused_BeforeAnyRead()
    {
        var endless = new EndlessStream(long.MaxValue);

        var body = await BodyLimit.ReadAsync(endless, declaredLength: Limit + 1, Limit, Ct);

        Assert.Null(body);
        Assert.Equal(0, endless.Served);
    }

    /// <summary>Serves 'x' up to a length, asynchronously only (Kestrel's request body refuses synchronous reads).</summary>
    private sealed class EndlessStream(long length) : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("Synchronous reads are not allowed.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = (int)Math.Min(buffer.Length, length - Served);
            buffer.Span[..count].Fill((byte)'x');
            Served += count;
            return ValueTask.FromResult(count);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
