using System.Xml;
using BenchmarkDotNet.Attributes;
using GbcPortal.Core.Espi;

namespace GbcPortal.Benchmarks.Espi;

/// <summary>
/// The ESPI reader against its ceiling (an XmlReader pass that extracts nothing) and the
/// obvious alternative (XDocument), on a 185-day callback (17,760 readings) and ten years
/// (350,592 readings, about 90 MB). Throughput in the MB/s column.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ReaderBenchmarks
{
    private string _path = "";

    /// <summary>185 days is one GBC request; 3,652 days is ten years.</summary>
    [Params(185, 3652)]
    public int Days { get; set; }

    [GlobalSetup]
    public void Setup() => _path = FeedGenerator.EnsureFile(Days);

    [Benchmark(Baseline = true, Description = "XmlReader, extracts nothing")]
    public int BareXmlReader()
    {
        using var stream = Open();
        using var reader = XmlReader.Create(stream, Settings());
        var nodes = 0;
        while (reader.Read())
            nodes++;
        return nodes;
    }

    [Benchmark(Description = "XDocument")]
    public int XDocumentReading() => XDocumentReader.Read(Open()).Count;

    [Benchmark(Description = "EspiReader.Read")]
    public int EspiReaderRead()
    {
        using var stream = Open();
        return new EspiReader().Read(stream).Series.Sum(s => s.Readings.Count);
    }

    [Benchmark(Description = "EspiReader.ReadStreaming")]
    public int EspiReaderStreaming()
    {
        using var stream = Open();
        var count = 0;
        new EspiReader().ReadStreaming(stream, chunk => count += chunk.Readings.Count);
        return count;
    }

    private FileStream Open() => new(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);

    internal static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };
}
