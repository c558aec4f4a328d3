using BenchmarkDotNet.Attributes;
using GbcPortal.Core.Espi;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Benchmarks.Usage;

/// <summary>
/// The whole-history downloads of a service with two years of 15-minute delivered and received
/// readings (140,352 rows, <see cref="UsageBenchData"/>), streamed as the portal streams them into
/// a stream that only counts bytes, against a baseline in the same run: a plain read of the same
/// rows by the same query, summed and not written. <see cref="XmlBuiltInMemory"/> is the approach
/// the streamed export replaces (every reading loaded, the document built in a buffer).
/// </summary>
[MemoryDiagnoser]
public class ExportBenchmarks
{
    private static readonly Uri Root = UsageExport.ResourceRoot(new Uri("https://portal.example.com"));

    private UsageBenchData _data = null!;
    private UsageExport _export = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = new UsageBenchData();
        _export = new UsageExport(_data.Factory);
        Console.WriteLine($"// Readings: {_data.Rows} rows; whole-history XML {Xml() / 1e6:F1} MB, CSV {Csv() / 1e6:F1} MB");
        Console.WriteLine($"// Memory held (live managed heap after a full GC, above the start): streamed XML at most {HeldWhileStreaming() / 1e6:F2} MB, " +
            $"built in memory {HeldInMemory() / 1e6:F1} MB");
    }

    // Samples the live heap at every chunk the export writes: what streaming holds at once.
    private long HeldWhileStreaming()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var held = 0L;
        var output = new CountingStream(() => held = Math.Max(held, GC.GetTotalMemory(forceFullCollection: true) - before));
        _export.WriteEspiAsync(History(), output, Root).GetAwaiter().GetResult();
        return held;
    }

    private long HeldInMemory()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var data = History();
        var series = data.Series.Select(s => new EspiSeries(data.UsagePoint, s.ReadingType, Load(data, s.ReadingTypeId))).ToList();
        using var buffer = new MemoryStream();
        EspiWriter.Write(buffer, series, new EspiWriterOptions { BaseUri = Root, SubscriptionId = data.ServiceId, Updated = data.Updated });
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(series);
        return held;
    }

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [Benchmark(Baseline = true)]
    public double PlainRead()
    {
        using var db = _data.Factory.CreateDbContext();
        var sum = 0.0;
        foreach (var type in new[] { _data.DeliveredTypeId, _data.ReceivedTypeId })
        {
            var rows = db.Readings.AsNoTracking().Where(r => r.LinkId == _data.LinkId && r.ReadingTypeId == type)
                .OrderBy(r => r.Start).Select(r => new { r.Start, r.DurationSeconds, r.ValueWh, r.Cost, r.Quality });
            foreach (var row in rows.AsAsyncEnumerable().ToBlockingEnumerable())
                sum += row.ValueWh + row.Start + row.DurationSeconds;
        }
        return sum;
    }

    [Benchmark]
    public long Xml()
    {
        var output = new CountingStream();
        _export.WriteEspiAsync(History(), output, Root).GetAwaiter().GetResult();
        return output.Length;
    }

    [Benchmark]
    public long Csv()
    {
        var output = new CountingStream();
        _export.WriteCsvAsync(History(), output).GetAwaiter().GetResult();
        return output.Length;
    }

    [Benchmark]
    public long XmlBuiltInMemory()
    {
        var data = History();
        var series = data.Series.Select(s => new EspiSeries(data.UsagePoint, s.ReadingType, Load(data, s.ReadingTypeId))).ToList();
        using var buffer = new MemoryStream();
        EspiWriter.Write(buffer, series, new EspiWriterOptions { BaseUri = Root, SubscriptionId = data.ServiceId, Updated = data.Updated });
        return buffer.Length;
    }

    private UsageExportData History() =>
        _export.FindAsync(UsageBenchData.OwnerId, UsageBenchData.ServiceId, null, null).GetAwaiter().GetResult()
        ?? throw new InvalidOperationException("The bench service is not found.");

    private List<IntervalReading> Load(UsageExportData data, int typeId)
    {
        using var db = _data.Factory.CreateDbContext();
        return [.. db.Readings.AsNoTracking().Where(r => r.LinkId == data.LinkId && r.ReadingTypeId == typeId).OrderBy(r => r.Start)
            .Select(r => new { r.Start, r.DurationSeconds, r.ValueWh, r.Cost, r.Quality }).AsEnumerable()
            .Select(r => new IntervalReading(DateTimeOffset.FromUnixTimeSeconds(r.Start), r.DurationSeconds, r.ValueWh, r.Cost,
                new QualityCodes(unchecked((ulong)r.Quality))))];
    }

    /// <summary>A response body that keeps nothing: only how many bytes went through.</summary>
    private sealed class CountingStream(Action? onWrite = null) : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            _length += count;
            onWrite?.Invoke();
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            onWrite?.Invoke();
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
