using System.Text;
using GbcPortal.Core.Espi;

namespace GbcPortal.Core.Tests.Espi.Writer;

public class EspiWriterSchemaTests
{
    [Fact]
    public void RichFeed_ValidatesAgainstEspiAndAtomSchemas()
    {
        var (series, options) = WriterSamples.Rich();

        var problems = EspiSchemaValidator.Validate(WriterSamples.Write(series, options));

        Assert.Empty(problems);
    }

    [Fact]
    public void UnindentedFeedWithoutOptions_Validates()
    {
        var series = new List<EspiSeries> { new(WriterSamples.UtcMeter, WriterSamples.Received, WriterSamples.Readings(0, 4, 900, i => i)) };

        var problems = EspiSchemaValidator.Validate(WriterSamples.Write(series, new EspiWriterOptions { Indent = false }));

        Assert.Empty(problems);
    }

    [Fact]
    public void Validator_RejectsElementsOutOfSchemaOrder()
    {
        // Proves the validator is strict about sequence order inside Atom content, so the test above means something.
        var (series, options) = WriterSamples.Rich();
        var xml = Encoding.UTF8.GetString(WriterSamples.Write(series, options with { Indent = false }).ToArray());
        var swapped = xml.Replace("<espi:dataQualifier>12</espi:dataQualifier>", "")
            .Replace("<espi:uom>72</espi:uom>", "<espi:uom>72</espi:uom><espi:dataQualifier>12</espi:dataQualifier>");

        var problems = EspiSchemaValidator.Validate(swapped);

        Assert.Contains(problems, p => p.Contains("dataQualifier", StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_RejectsUnknownEspiElement()
    {
        var (series, options) = WriterSamples.Rich();
        var xml = Encoding.UTF8.GetString(WriterSamples.Write(series, options with { Indent = false }).ToArray());
        var broken = xml.Replace("<espi:MeterReading />", "<espi:MeterReadingX />");

        Assert.NotEqual(xml, broken);
        Assert.NotEmpty(EspiSchemaValidator.Validate(broken));
    }
}
