using System.Net.Http.Json;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Requests;
using GbcPortal.Simulator.Tests.Infrastructure;

namespace GbcPortal.Simulator.Tests.Integration;

/// <summary>Every synchronous answer of gbc-protocol.md, through the real client and the real simulator.</summary>
public sealed class OutcomeTests(CertificatesFixture certs)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnknownServiceId_Is404UnknownServiceId()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var (start, end) = SimulatorTestBed.PastWindow(1);

        var outcome = await bed.Client.SubmitAsync(bed.Request("9999999999", "1234", start, end), Ct);

        OutcomeAssert.Is(UtilityOutcomeKind.UnknownServiceId, outcome);
    }

    [Fact]
    public async Task WrongPin_Is403PinRejected()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var (start, end) = SimulatorTestBed.PastWindow(1);

        var outcome = await bed.Client.SubmitAsync(bed.Request("1000000001", "0000", start, end), Ct);

        var rejected = OutcomeAssert.Is(UtilityOutcomeKind.PinRejected, outcome);
        Assert.Equal("PIN does not match Service ID", rejected.Message);
    }

    [Fact]
    public async Task Requests_are_counted_per_Service_ID_whatever_the_answer()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var (start, end) = SimulatorTestBed.PastWindow(1);

        await bed.Client.SubmitAsync(bed.Request("1000000001", "0000", start, end), Ct);
        await bed.Client.SubmitAsync(bed.Request("1000000001", "1234", start, end), Ct);
        await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct);

        Assert.Equal("""{"serviceId":"1000000001","requestsReceived":2}""", await bed.Admin.GetStringAsync("sim/metrics/services/1000000001", Ct));
        Assert.Equal("""{"serviceId":"1000000009","requestsReceived":0}""", await bed.Admin.GetStringAsync("sim/metrics/services/1000000009", Ct));
    }

    [Fact]
    public async Task InactiveServiceId_Is410ServiceInactive()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var (start, end) = SimulatorTestBed.PastWindow(1);

        var outcome = await bed.Client.SubmitAsync(bed.Request("1000000003", "3456", start, end), Ct);

        OutcomeAssert.Is(UtilityOutcomeKind.ServiceInactive, outcome);
    }

    [Fact]
    public async Task WindowOver185Days_Is400InvalidRequest_ButExactly185DaysIsAccepted()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var end = SimulatorTestBed.PastWindow(1).End;

        var tooLong = await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", end.AddDays(-185).AddSeconds(-1), end), Ct);
        var longest = await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", end.AddDays(-185), end), Ct);

        Assert.Contains("185 days", OutcomeAssert.Is(UtilityOutcomeKind.InvalidRequest, tooLong).Message);
        OutcomeAssert.Is(UtilityOutcomeKind.Accepted, longest);
    }

    [Fact]
    public async Task StartInTheFuture_Is400InvalidRequest()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var start = DateTimeOffset.UtcNow.AddHours(1);

        var outcome = await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, start.AddDays(1)), Ct);

        Assert.Contains("future", OutcomeAssert.Is(UtilityOutcomeKind.InvalidRequest, outcome).Message);
    }

    [Fact]
    public async Task ChangedPin_RefusesTheOldOneAndAcceptsTheNewOne()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var (start, end) = SimulatorTestBed.PastWindow(1);

        using var change = await bed.Admin.PutAsJsonAsync("sim/accounts/1000000004/pin", new { pin = "9876" }, Ct);
        var old = await bed.Client.SubmitAsync(bed.Request("1000000004", "4567", start, end), Ct);
        var updated = await bed.Client.SubmitAsync(bed.Request("1000000004", "9876", start, end), Ct);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, change.StatusCode);
        OutcomeAssert.Is(UtilityOutcomeKind.PinRejected, old);
        OutcomeAssert.Is(UtilityOutcomeKind.Accepted, updated);
    }

    [Fact]
    public async Task DeletedPin_RefusesEveryRequest()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var (start, end) = SimulatorTestBed.PastWindow(1);

        using var delete = await bed.Admin.DeleteAsync("sim/accounts/1000000004/pin", Ct);
        var outcome = await bed.Client.SubmitAsync(bed.Request("1000000004", "4567", start, end), Ct);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, delete.StatusCode);
        OutcomeAssert.Is(UtilityOutcomeKind.PinRejected, outcome);
    }

    [Fact]
    public async Task Deactivated_ServiceId_IsGoneFromThenOn()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var (start, end) = SimulatorTestBed.PastWindow(1);

        var before = await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct);
        using var deactivate = await bed.Admin.PostAsync("sim/accounts/1000000002/deactivate", null, Ct);
        var after = await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct);

        OutcomeAssert.Is(UtilityOutcomeKind.Accepted, before);
        OutcomeAssert.Is(UtilityOutcomeKind.ServiceInactive, after);
    }

    [Fact]
    public async Task SevenRequestsWithinAMinute_GiveExactlyOne429WithRetryAfter()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var (start, end) = SimulatorTestBed.PastWindow(1);

        var outcomes = new List<UtilityOutcome>();
        for (var i = 0; i < 7; i++)
            outcomes.Add(await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct));

        Assert.All(outcomes.Take(6), o => OutcomeAssert.Is(UtilityOutcomeKind.Accepted, o));
        var limited = OutcomeAssert.Is(UtilityOutcomeKind.RateLimited, outcomes[6]);
        Assert.InRange(limited.RetryAfter!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
        var metrics = await bed.MetricsAsync();
        Assert.Equal(1, metrics.GetProperty("rateLimited").GetInt64());
        Assert.Equal(7, metrics.GetProperty("requestsReceived").GetInt64());
    }

    [Fact]
    public async Task RejectedRequests_UseUpTheRateBudgetToo_AndTheLimitIsAKnob()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs, o => o.Faults = o.Faults with { RequestsPerMinute = 2 });
        var (start, end) = SimulatorTestBed.PastWindow(1);

        var first = await bed.Client.SubmitAsync(bed.Request("9999999999", "1", start, end), Ct);
        var second = await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct);
        var third = await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct);

        OutcomeAssert.Is(UtilityOutcomeKind.UnknownServiceId, first);
        OutcomeAssert.Is(UtilityOutcomeKind.Accepted, second);
        OutcomeAssert.Is(UtilityOutcomeKind.RateLimited, third);
    }

    [Fact]
    public async Task Transient503_IsNotRetriedByTheClient_ButReportedUnavailable_SoTheRetryTakesABudgetSlot()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs, o => o.Faults = o.Faults with { Transient503Share = 1.0 }, clientRetries: 2);
        var (start, end) = SimulatorTestBed.PastWindow(1);

        var outcome = await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct);

        var unavailable = OutcomeAssert.Is(UtilityOutcomeKind.Unavailable, outcome);
        Assert.Equal(TimeSpan.FromSeconds(1), unavailable.RetryAfter);
        Assert.Null(unavailable.Message); // a 503 without a body: no words of ours in the utility's name
        Assert.Equal(1, (await bed.MetricsAsync()).GetProperty("requestsReceived").GetInt64());
        Assert.Equal(0, (await bed.MetricsAsync()).GetProperty("rateLimited").GetInt64());
    }

    [Fact]
    public async Task FourHundreds_AreNeverRetried()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs, clientRetries: 3);
        var (start, end) = SimulatorTestBed.PastWindow(1);

        await bed.Client.SubmitAsync(bed.Request("1000000002", "wrong", start, end), Ct);

        Assert.Equal(1, (await bed.MetricsAsync()).GetProperty("requestsReceived").GetInt64());
    }
}
