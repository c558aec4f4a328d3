using System.Net.Http.Json;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Requests;
using GbcPortal.Simulator.Tests.Infrastructure;

namespace GbcPortal.Simulator.Tests.Integration;

/// <summary>The fault knobs do what they say: late, lost, repeated and failed callbacks.</summary>
public sealed class FaultTests(CertificatesFixture certs)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DuplicateShareOne_DeliversTheSameFeedTwice()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs, o => o.Faults = o.Faults with { DuplicateCallbackShare = 1.0 });
        var (start, end) = SimulatorTestBed.PastWindow(1);

        await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct);
        var first = await bed.Receiver.NextAsync(Patience);
        var second = await bed.Receiver.NextAsync(Patience);

        Assert.Equal(first.RequestId, second.RequestId);
        Assert.Equal(first.UtilityRequestId, second.UtilityRequestId);
        Assert.Equal(first.Body, second.Body);
        Assert.True(await bed.Receiver.QuietForAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Equal(2, (await bed.MetricsAsync()).GetProperty("callbacksSent").GetInt64());
    }

    [Fact]
    public async Task Delay_HoldsTheCallbackBackAtLeastThatLong()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs, o => o.Faults = o.Faults with { DelaySeconds = new DelayRange(1, 1) });
        var (start, end) = SimulatorTestBed.PastWindow(1);

        var sent = DateTimeOffset.UtcNow;
        await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct);
        var callback = await bed.Receiver.NextAsync(Patience);

        Assert.True(callback.At - sent >= TimeSpan.FromSeconds(1), $"arrived after {callback.At - sent}");
    }

    [Fact]
    public async Task LostFirstDelivery_ArrivesOnceWithTheFirstRetry()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs, o =>
        {
            o.Faults = o.Faults with { LostFirstDeliveryShare = 1.0, DelaySeconds = new DelayRange(0, 0) };
            o.RetryDelays = [TimeSpan.FromMilliseconds(700), TimeSpan.FromMilliseconds(700)];
        });
        var (start, end) = SimulatorTestBed.PastWindow(1);

        var sent = DateTimeOffset.UtcNow;
        await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct);
        var callback = await bed.Receiver.NextAsync(Patience);

        Assert.True(callback.At - sent >= TimeSpan.FromMilliseconds(700), $"arrived after {callback.At - sent}");
        Assert.True(await bed.Receiver.QuietForAsync(TimeSpan.FromSeconds(1)));
        var metrics = await bed.MetricsAsync();
        Assert.Equal(1, metrics.GetProperty("callbacksSent").GetInt64());
        Assert.Equal(1, metrics.GetProperty("callbackRetries").GetInt64());
    }

    [Fact]
    public async Task ACallbackThatGetsNo200_IsRetriedUntilItDoes()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs, failFirstCallbacks: 2);
        var (start, end) = SimulatorTestBed.PastWindow(1);

        var outcome = await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct);
        var callback = await bed.Receiver.NextAsync(Patience);

        Assert.Equal(outcome.UtilityRequestId, callback.UtilityRequestId);
        var metrics = await bed.MetricsAsync();
        Assert.Equal(3, metrics.GetProperty("callbacksSent").GetInt64());
        Assert.Equal(2, metrics.GetProperty("callbackRetries").GetInt64());
    }

    [Fact]
    public async Task ACallbackNeverAnswered200_IsGivenUpAfterFiveTries()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs, failFirstCallbacks: 100);
        var (start, end) = SimulatorTestBed.PastWindow(1);

        await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct); // four retries 200 ms apart

        var metrics = await bed.MetricsAsync();
        Assert.Equal(5, metrics.GetProperty("callbacksSent").GetInt64());
        Assert.Equal(4, metrics.GetProperty("callbackRetries").GetInt64());
    }

    [Fact]
    public async Task AsyncRejectionShareOne_EndsInAFailedStatusCallback()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        await bed.SetFaultsAsync(new FaultKnobs { DelaySeconds = new DelayRange(0, 0), AsyncRejectionShare = 1.0 });
        var (start, end) = SimulatorTestBed.PastWindow(1);

        var outcome = await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct);
        var callback = await bed.Receiver.NextAsync(Patience);

        OutcomeAssert.Is(UtilityOutcomeKind.Accepted, outcome);
        Assert.Equal(CallbackBodyKind.Status, CallbackBody.Classify(callback.Body));
        var status = UsageRequestStatus.Parse(callback.Body);
        Assert.Equal(RequestState.Failed, status.Status);
        Assert.Equal(StatusReason.InternalError, status.Reason);
        Assert.Equal(callback.UtilityRequestId, status.UtilityRequestId);
        Assert.Equal(1, (await bed.MetricsAsync()).GetProperty("rejected").GetInt64());
    }

    [Fact]
    public async Task APinChangedAfterAcceptance_EndsInAnAsynchronousPinMismatch()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs, o => o.Faults = o.Faults with { DelaySeconds = new DelayRange(1, 1) });
        var (start, end) = SimulatorTestBed.PastWindow(1);

        var request = bed.Request("1000000004", "4567", start, end);
        var outcome = await bed.Client.SubmitAsync(request, Ct);
        using var change = await bed.Admin.PutAsJsonAsync("sim/accounts/1000000004/pin", new { pin = "1111" }, Ct);
        var callback = await bed.Receiver.NextAsync(Patience);

        OutcomeAssert.Is(UtilityOutcomeKind.Accepted, outcome);
        var status = UsageRequestStatus.Parse(callback.Body);
        Assert.Equal((request.RequestId, RequestState.Rejected, StatusReason.PinMismatch), (status.RequestId, status.Status, status.Reason));
    }

    [Fact]
    public async Task AWindowWithNoData_EndsInANoDataStatus()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        var start = DateTimeOffset.UtcNow.AddMinutes(-30); // today: after the data's end, the previous local midnight

        await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, start.AddMinutes(20)), Ct);
        var status = UsageRequestStatus.Parse((await bed.Receiver.NextAsync(Patience)).Body);

        Assert.Equal((RequestState.Failed, StatusReason.NoData), (status.Status, status.Reason));
    }
}
