using System.Text;
using GbcPortal.Core.Espi;
using static GbcPortal.Core.Tests.Espi.Reader.TestFeeds;

namespace GbcPortal.Core.Tests.Espi.Reader;

/// <summary>ReadStreaming: the same readings as Read, handed out block by block.</summary>
public class ReaderStreamingTests
{
    [Fact]
    public void ReadStreaming_GivesTheSameReadingsAsRead()
    {
        var path = Samples.PathOf("pge-gbc-subscription-electric-gas.xml");
        var whole = new EspiReader().ReadFile(path);
        var chunks = new List<EspiSeriesChunk>();

        var streamed = new EspiReader().ReadFileStreaming(path, chunks.Add);

        foreach (var series in whole.Series)
        {
            var fromChunks = chunks.Where(c => c.ReadingType.Id == series.ReadingType.Id).SelectMany(c => c.Readings).OrderBy(r => r.Start);
            Assert.Equal(series.Readings, fromChunks);
        }
        Assert.Equal(whole.UsagePoints, streamed.UsagePoints);
        Assert.Equal(whole.Summaries.Count, streamed.Summaries.Count);
        Assert.All(streamed.Series, s => Assert.Empty(s.Readings));
    }

    [Fact]
    public void ReadStreaming_BlocksBeforeTheirResources_WaitThenArrive()
    {
        var xml = Feed(BlockEntry(FallBackMidnight, 1, 2), BlockEntry(FallBackMidnight + 3600, 2, 3), ReadingTypeEntry(), MeterReadingEntry(), LocalTimeEntry(), UsagePointEntry());
        var chunks = new List<EspiSeriesChunk>();

        var document = new EspiReader().ReadStreaming(new MemoryStream(Encoding.UTF8.GetBytes(xml)), chunks.Add);

        Assert.Equal([1.0, 2.0, 3.0], chunks.SelectMany(c => c.Readings).Select(r => r.Value));
        Assert.Equal(1, document.DuplicatesDropped);
        Assert.Equal(LocalTimeParameters.Pacific, chunks[0].UsagePoint.LocalTime);
    }

    [Fact]
    public void ReadStreaming_CallbackException_PassesThrough()
    {
        var error = Assert.Throws<InvalidTimeZoneException>(() =>
            new EspiReader().ReadStreaming(new MemoryStream(Encoding.UTF8.GetBytes(Standard())), _ => throw new InvalidTimeZoneException("mine")));

        Assert.Equal("mine", error.Message);
    }
}
