using System.Xml.Linq;

namespace GbcPortal.Pipeline.Tests.Exports;

/// <summary>The checker itself: it passes the utility's own feed and flags what readers trip on.</summary>
public sealed class FeedShapeCheckerTests
{
    [Fact]
    public void The_utilitys_own_feed_has_the_shape()
    {
        var feed = XDocument.Load(RepositoryFiles.Sample("pge-smd-hourly-fall-back-day.xml"));

        Assert.Empty(FeedShapeChecker.Check(feed));
    }

    [Fact]
    public void Self_before_up_and_a_whole_day_block_over_an_hour_of_readings_are_flagged()
    {
        var feed = XDocument.Parse($"""
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:espi="http://naesb.org/espi">
              {Entry("/ReadingType/1", "<espi:ReadingType><espi:uom>72</espi:uom></espi:ReadingType>")}
              {Entry("/UP/1/MeterReading/1", "<espi:MeterReading/>", "/UP/1/MeterReading/1/IntervalBlock", "/ReadingType/1")}
              <entry>
                <link href="https://x/UP/1/MeterReading/1/IntervalBlock/1000" rel="self"/>
                <link href="https://x/UP/1/MeterReading/1/IntervalBlock" rel="up"/>
                <content><espi:IntervalBlock>
                  <espi:interval><espi:duration>86400</espi:duration><espi:start>1000</espi:start></espi:interval>
                  <espi:IntervalReading><espi:cost>5</espi:cost><espi:timePeriod><espi:duration>3600</espi:duration><espi:start>1000</espi:start></espi:timePeriod><espi:value>1</espi:value></espi:IntervalReading>
                </espi:IntervalBlock></content>
              </entry>
            </feed>
            """);

        var problems = FeedShapeChecker.Check(feed);

        Assert.Contains(problems, p => p.Contains("links are [self, up]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("spans [1000, 87400) but its readings span [1000, 4600)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("cost but no currency", StringComparison.Ordinal));
        Assert.Equal(3, problems.Count);
    }

    private static string Entry(string self, string content, params string[] related) => $"""
        <entry>
          <link href="https://x{self[..self.LastIndexOf('/')]}" rel="up"/>
          <link href="https://x{self}" rel="self"/>
          {string.Concat(related.Select(r => $"<link href=\"https://x{r}\" rel=\"related\"/>"))}
          <content>{content}</content>
        </entry>
        """;
}
