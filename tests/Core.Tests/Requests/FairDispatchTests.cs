using GbcPortal.Core.Tests.Persistence;

namespace GbcPortal.Core.Tests.Requests;

/// <summary>One account's many links do not starve another account's first data.</summary>
public sealed class FairDispatchTests
{
    [Fact]
    public async Task An_account_linking_one_service_a_minute_after_another_linked_ten_is_sent_within_the_next_two_slots()
    {
        await using var database = await TempDatabase.CreateAsync();
        var a = await database.AddUserAsync("a@example.com");
        var b = await database.AddUserAsync("b@example.com");
        var time = Pipeline.ClockAt("2025-11-26T18:00:00Z"); // on-peak: no refreshes, 6 requests a minute
        var utility = new ScriptedUtilityClient(time);
        var pipeline = new Pipeline(database.Factory, time, utility);
        for (var i = 0; i < 10; i++)
        {
            await pipeline.Links.LinkAsync(a, $"10000000{i:D2}", "1234", TestContext.Current.CancellationToken);
        }

        await pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
        Assert.Equal(6, utility.Sent.Count); // the whole budget went to A's Verify requests
        time.Advance(TimeSpan.FromMinutes(1));
        await pipeline.Links.LinkAsync(b, "2000000001", "5678", TestContext.Current.CancellationToken);

        // Run dispatch whenever it asks to be run again, until two more budget slots were spent.
        for (var runs = 0; utility.Sent.Count < 8 && runs < 10; runs++)
        {
            var result = await pipeline.Dispatcher.DispatchAsync(TestContext.Current.CancellationToken);
            if (result.NextRunAt is { } next && next > time.GetUtcNow())
            {
                time.SetUtcNow(next);
            }
        }

        var afterB = utility.Sent.Skip(6).Select(s => s.Submission.ServiceId).ToList();
        Assert.Contains("2000000001", afterB.Take(2));
        // Priority still comes first: A's remaining first data goes before anyone's backfill.
        Assert.All(afterB, id => Assert.True(id == "2000000001" || id.StartsWith("10000000", StringComparison.Ordinal)));
    }
}
