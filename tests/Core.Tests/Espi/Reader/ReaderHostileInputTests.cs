using System.Text;
using GbcPortal.Core.Espi;
using static GbcPortal.Core.Tests.Espi.Reader.TestFeeds;

namespace GbcPortal.Core.Tests.Espi.Reader;

/// <summary>Broken and hostile input ends in an EspiFormatException with a clear message, never anything else.</summary>
public class ReaderHostileInputTests
{
    [Fact]
    public void Read_ExternalEntity_RefusedAsDtd()
    {
        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><feed xmlns=\"{AtomNs}\"><title>&xxe;</title></feed>";

        var error = Assert.Throws<EspiFormatException>(() => Samples.ReadText(xml));

        Assert.Contains("DTD", error.Message);
        Assert.Equal(1, error.LineNumber);
    }

    [Fact]
    public void Read_BillionLaughs_RefusedAsDtd()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i < 10; i++)
            entities.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE feed [{entities}]><feed xmlns=\"{AtomNs}\"><title>&lol9;</title></feed>";

        var error = Assert.Throws<EspiFormatException>(() => Samples.ReadText(xml));

        Assert.Contains("DTD", error.Message);
    }

    [Theory]
    [InlineData("content")] // inside an entry's content, where the reader looks
    [InlineData("skipped")] // inside an element the reader skips
    public void Read_TooDeep_Refused(string where)
    {
        var nest = string.Concat(Enumerable.Repeat("<x>", 200)) + string.Concat(Enumerable.Repeat("</x>", 200));
        var xml = where == "content"
            ? Feed(Entry(null, null, $"<IntervalBlock xmlns=\"{EspiNs}\">{nest}</IntervalBlock>"))
            : $"<feed xmlns=\"{AtomNs}\"><extension>{nest}</extension></feed>";

        var error = Assert.Throws<EspiFormatException>(() => Samples.ReadText(xml, new EspiReaderOptions { MaxDepth = 64 }));

        Assert.Contains("nested deeper than 64", error.Message);
        Assert.True(error.LineNumber > 0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_Oversize_Refused(bool seekable)
    {
        var bytes = Encoding.UTF8.GetBytes(Standard(FallBackMidnight, Enumerable.Range(0, 200).Select(i => (long)i).ToArray()));
        Stream stream = seekable ? new MemoryStream(bytes) : new NonSeekableStream(bytes);

        var error = Assert.Throws<EspiFormatException>(() => new EspiReader(new EspiReaderOptions { MaxBytes = 4096 }).Read(stream));

        Assert.Contains("larger than 4,096 bytes", error.Message);
    }

    [Fact]
    public void Read_Truncated_NamesTheLine()
    {
        var text = File.ReadAllText(Samples.PathOf("gba-hourly-january.xml"));
        var cut = text[..(text.Length / 2)];

        var error = Assert.Throws<EspiFormatException>(() => Samples.ReadText(cut));

        Assert.Contains("not well-formed", error.Message);
        Assert.Equal(cut.Count(c => c == '\n') + 1, error.LineNumber); // the end of the text is where it breaks
    }

    [Theory]
    [InlineData("hello, I am not XML")]
    [InlineData("")]
    [InlineData("{\"usage\": 1}")]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry></feed>")]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed><feed/>")]
    public void Read_NotXml_Refused(string text)
    {
        var error = Assert.Throws<EspiFormatException>(() => Samples.ReadText(text));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.DoesNotContain("\n", error.Message);
    }

    [Fact]
    public void Read_BinaryGarbage_Refused()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);

        Assert.Throws<EspiFormatException>(() => new EspiReader().Read(new MemoryStream(bytes)));
    }

    [Theory]
    [InlineData("<html><body>Service unavailable</body></html>", "<html>")]
    [InlineData("<feed xmlns=\"urn:not-atom\"/>", "<feed>")]
    public void Read_WrongRoot_Refused(string xml, string named)
    {
        var error = Assert.Throws<EspiFormatException>(() => Samples.ReadText(xml));

        Assert.Contains(named, error.Message);
        Assert.Equal(1, error.LineNumber);
    }

    [Theory]
    [InlineData("<timePeriod><duration>3600</duration></timePeriod><value>1</value>", "no timePeriod start")]
    [InlineData("<timePeriod><start>1572764400</start></timePeriod><value>1</value>", "no timePeriod duration")]
    [InlineData("<timePeriod><duration>3600</duration><start>1572764400</start></timePeriod>", "no value")]
    [InlineData("<value>1</value>", "no timePeriod start")]
    [InlineData("<timePeriod><duration>3600</duration><start>1572764400</start></timePeriod><value>lots</value>", "'value' is not a number")]
    [InlineData("<timePeriod><duration>3600</duration><start>99999999999999</start></timePeriod><value>1</value>", "outside the calendar")]
    public void Read_ReadingWithoutStartDurationOrValue_Refused(string inner, string message)
    {
        var xml = Feed(MeterReadingEntry(), ReadingTypeEntry(),
            Entry(null, "UsagePoint/1/MeterReading/1/IntervalBlock", $"<IntervalBlock xmlns=\"{EspiNs}\">\n<IntervalReading>{inner}</IntervalReading></IntervalBlock>"));

        var error = Assert.Throws<EspiFormatException>(() => Samples.ReadText(xml));

        Assert.Contains(message, error.Message);
        Assert.Equal(2, error.LineNumber); // the IntervalReading's line
    }

    [Fact]
    public void Read_EveryTruncationOfASample_OnlyEspiFormatException()
    {
        var bytes = File.ReadAllBytes(Samples.PathOf("pge-smd-hourly-fall-back-day.xml"));
        for (var length = 0; length < bytes.Length; length += 211)
        {
            var error = Record.Exception(() => new EspiReader().Read(new MemoryStream(bytes, 0, length)));
            Assert.IsType<EspiFormatException>(error);
        }
    }

    [Fact]
    public void ReadFile_Missing_EspiFormatException()
    {
        var error = Assert.Throws<EspiFormatException>(() => new EspiReader().ReadFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".xml")));

        Assert.Contains("Cannot open", error.Message);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
