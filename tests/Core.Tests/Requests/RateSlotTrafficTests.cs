using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Requests;

public sealed class RateSlotTrafficTests : PipelineTest
{
    [Fact]
    public async Task EverySlotTaken_CarriesItsRequestsKind_AndItsOwner()
    {
        var ct = TestContext.Current.CancellationToken;
        var linked = await Pipeline.Links.LinkAsync(Owner, "4820183311", "1234", ct);

        var result = await Pipeline.Dispatcher.DispatchAsync(ct);

        await using var db = await Database.Factory.CreateDbContextAsync(ct);
        var requests = await db.DataRequests.Where(r => r.LinkId == linked.LinkId).ToDictionaryAsync(r => r.Id, r => r.Kind, ct);
        var slots = await db.RateSlots.ToListAsync(ct);
        Assert.True(result.Sent > 1, $"sent {result.Sent}");
        Assert.Equal(result.Sent, slots.Count);
        Assert.All(slots, s => Assert.Equal((requests[s.DataRequestId!.Value], Owner), (s.Kind!.Value, s.OwnerId)));
        Assert.Contains(slots, s => s.Kind == RequestKind.Verify);
    }
}
