using System.Text.Json;
using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Components.Pages.Staff;
using Microsoft.JSInterop;

namespace GbcPortal.Portal.Tests.Staff;

public sealed class PipelineChartsPanelTests : PortalTestContext
{
    [Fact]
    public async Task TheSendsChart_GetsEveryHourOfTheWeekByKind_TheLimitLine_AndTheOffPeakBands()
    {
        var module = JSInterop.SetupModule("./lib/gbcChart.js");
        module.SetupVoid("render", _ => true).SetVoidResult();
        var link = await SeedData.LinkAsync(Db, OwnerId, "1000000001", LinkStatus.Active, SeedData.Request(RequestStatus.Submitted, RequestKind.Verify));
        await using (var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            // Noon PDT on 12 March: two sends at 11:10 PDT (18:10 UTC), one given back.
            var at = Clock.GetUtcNow().AddMinutes(-50);
            db.RateSlots.AddRange(new RateSlot { TakenAt = at, DataRequestId = link.Requests[0].Id, Kind = RequestKind.Verify }, new RateSlot { TakenAt = at, DataRequestId = null },
                new RateSlot { TakenAt = at, DataRequestId = link.Requests[0].Id, Kind = RequestKind.Verify, ReturnedAt = at });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var panel = RenderPage<PipelineChartsPanel>();

        panel.WaitForAssertion(() => Assert.Equal(2, module.Invocations["render"].Count));
        var summary = panel.Find("[data-testid=sends-summary]");
        Assert.Equal(("2", "360", "2"), (summary.GetAttribute("data-total"), summary.GetAttribute("data-limit-per-hour"), summary.GetAttribute("data-busiest")));
        Assert.Contains("Pacific time (America/Los_Angeles)", panel.Find("[data-testid=charts-zone]").TextContent, StringComparison.Ordinal);
        Assert.Contains("18:00–06:00", panel.Find("[data-testid=charts-zone]").TextContent, StringComparison.Ordinal);

        var sends = Spec(module.Invocations["render"][0]);
        Assert.Equal("series", sends.GetProperty("kind").GetString());
        Assert.Equal("bar", sends.GetProperty("type").GetString());
        var series = sends.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        Assert.Equal(["verify", "backfill", "refresh", "other", "limit"], series.Keys);
        Assert.Equal(168, series["verify"].GetProperty("points").GetArrayLength());
        Assert.Equal(1, series["verify"].GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("y").GetDouble()));
        Assert.All(series["limit"].GetProperty("points").EnumerateArray(), p => Assert.Equal(360, p.GetProperty("y").GetDouble()));
        Assert.False(series["limit"].GetProperty("stacked").GetBoolean());
        Assert.Equal(7, sends.GetProperty("bands").GetArrayLength());
        Assert.Equal(7, sends.GetProperty("ticks").GetArrayLength()); // a tick at every Pacific midnight in the week

        var backlog = Spec(module.Invocations["render"][1]);
        var now = backlog.GetProperty("series")[1].GetProperty("points")[0];
        Assert.Equal(1, now.GetProperty("y").GetDouble()); // the Submitted request, now
        Assert.Equal("1", panel.Find("[data-testid=backlog-summary]").GetAttribute("data-submitted"));
    }

    private static JsonElement Spec(JSRuntimeInvocation invocation) => JsonSerializer.SerializeToElement(invocation.Arguments[1]);
}
