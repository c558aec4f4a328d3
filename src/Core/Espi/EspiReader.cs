using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using GbcPortal.Core.Espi.Reading;

namespace GbcPortal.Core.Espi;

/// <summary>
/// Reads Green Button (ESPI) feeds, entries and BatchList notifications in one forward pass
/// with an <see cref="XmlReader"/>. Bad or hostile input ends in an
/// <see cref="EspiFormatException"/> that names the line and position, never another exception.
/// </summary>
public sealed partial class EspiReader(EspiReaderOptions? options = null)
{
    private readonly EspiReaderOptions _options = Validated(options ?? EspiReaderOptions.Default);

    // Some utilities declare windows-1252; .NET only knows it once the code-page provider is registered.
    static EspiReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The whole feed: series ordered by start, repeats dropped, values in base units.</summary>
    public EspiDocument Read(Stream stream)
    {
        SeriesCollector? collector = null;
        return Run(stream, resolver => collector = new SeriesCollector(resolver), (_, _) => collector!.Build());
    }

    public EspiDocument ReadFile(string path) => WithFile(path, Read);

    /// <summary>
    /// For feeds too large to hold: hands out each IntervalBlock's distinct readings as soon as
    /// its links resolve (blocks whose resources come later wait until they do, or until the
    /// end). The returned document has the usage points, summaries, warnings and duplicate
    /// count; its series carry no readings. Exceptions thrown by <paramref name="onChunk"/> pass through unchanged.
    /// </summary>
    public EspiDocument ReadStreaming(Stream stream, Action<EspiSeriesChunk> onChunk)
    {
        ArgumentNullException.ThrowIfNull(onChunk);
        StreamingSink? sink = null;
        return Run(stream, resolver => sink = new StreamingSink(resolver, onChunk), (_, _) =>
        {
            sink!.Finish();
            var series = sink.Series.Select(t => new EspiSeries(t.UsagePoint, t.ReadingType, Array.Empty<IntervalReading>())).ToList();
            return (series, sink.Dropped);
        });
    }

    public EspiDocument ReadFileStreaming(string path, Action<EspiSeriesChunk> onChunk) =>
        WithFile(path, stream => ReadStreaming(stream, onChunk));

    private EspiDocument Run(Stream stream, Func<LinkResolver, BlockSink> createSink, Func<LinkResolver, FeedGraph, (List<EspiSeries>, int)> finish)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var graph = new FeedGraph();
        var warnings = new ReaderWarnings(_options.MaxWarnings);
        var resolver = new LinkResolver(graph, warnings);
        try
        {
            if (stream.CanSeek && stream.Length - stream.Position > _options.MaxBytes)
                throw new FeedTooLargeException(_options.MaxBytes);
            using var limited = new SizeLimitedStream(stream, _options.MaxBytes);
            var nameTable = new NameTable();
            var names = new EspiNames(nameTable);
            using (var xml = XmlReader.Create(limited, CreateSettings(nameTable)))
            {
                var parser = new FeedParser(new XmlCursor(xml, names, _options.MaxDepth), graph, warnings, createSink(resolver));
                try
                {
                    parser.Parse();
                }
                catch (XmlException e) when (e.LineNumber == 0)
                {
                    throw new EspiFormatException(Describe(e), parser.LastKnown.Line, parser.LastKnown.Position, e);
                }
            }
            var (series, dropped) = finish(resolver, graph);
            return Assemble(graph, resolver, warnings, series, dropped);
        }
        catch (EspiFormatException)
        {
            throw;
        }
        catch (CallbackFailure failure)
        {
            ExceptionDispatchInfo.Capture(failure.InnerException!).Throw();
            throw;
        }
        catch (XmlException e)
        {
            throw new EspiFormatException(Describe(e), e.LineNumber, e.LinePosition, e);
        }
        catch (FeedTooLargeException e)
        {
            throw new EspiFormatException(e.Message + "; the limit is EspiReaderOptions.MaxBytes", inner: e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new EspiFormatException("The feed could not be read: " + e.Message, inner: e);
        }
    }

    private XmlReaderSettings CreateSettings(XmlNameTable nameTable) => new()
    {
        NameTable = nameTable,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        // 0 would mean "no limit"; with DTDs prohibited no entity can be declared anyway.
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = _options.MaxBytes,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private static EspiDocument Assemble(FeedGraph graph, LinkResolver resolver, ReaderWarnings warnings, List<EspiSeries> series, int dropped)
    {
        var usagePoints = graph.UsagePointOrder
            .Select(p => resolver.Describer.Describe(p, null, null, final: true)!)
            .ToList();
        var summaries = SummaryBuilder.Build(graph, warnings);
        if (graph.FractionalStarts > 0)
            warnings.Add($"{graph.FractionalStarts} readings have fractional start times; they were rounded to the nearest second");
        return new EspiDocument(usagePoints, series, summaries, warnings.ToList(), dropped, graph.ResourceUris);
    }

    private static EspiReaderOptions Validated(EspiReaderOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBytes, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDepth, 4, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxWarnings, 0, nameof(options));
        return options;
    }

    private static EspiDocument WithFile(string path, Func<Stream, EspiDocument> read)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new EspiFormatException($"Cannot open '{path}': {e.Message}", inner: e);
        }
        using (file)
            return read(file);
    }

    private static string Describe(XmlException e)
    {
        if (e.Message.Contains("DTD", StringComparison.Ordinal))
            return "DTDs are not allowed in a feed (they allow entity expansion and external entities)";
        return "The feed is not well-formed XML: " + LineSuffix().Replace(e.Message, "");
    }

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex LineSuffix();
}
