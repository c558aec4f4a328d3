using System.Net.Http.Json;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Requests;
using GbcPortal.Simulator.Tests.Infrastructure;

namespace GbcPortal.Simulator.Tests.Integration;

/// <summary>A PIN never appears in a log line, an outcome, an exception message or a ToString.</summary>
public sealed class PinSecrecyTests(CertificatesFixture certs)
{
    private const string Pin = "739184";
    private const string WrongPin = "582913";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThroughEveryOutcome_NoLogLineHoldsThePin()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs, o => o.Faults = o.Faults with { RequestsPerMinute = 100 });
        using (await bed.Admin.PostAsJsonAsync("sim/accounts", new { serviceId = "2000000001", pin = Pin, intervalSeconds = 3600, solar = false, active = true }, Ct))
        {
        }
        var (start, end) = SimulatorTestBed.PastWindow(1);

        List<UtilityOutcome> outcomes =
        [
            await bed.Client.SubmitAsync(bed.Request("2000000001", Pin, start, end), Ct),
            await bed.Client.SubmitAsync(bed.Request("2000000001", WrongPin, start, end), Ct),
            await bed.Client.SubmitAsync(bed.Request("2000000009", Pin, start, end), Ct),
            await bed.Client.SubmitAsync(bed.Request("2000000001", Pin, start, start.AddDays(200)), Ct),
        ];
        await bed.Receiver.NextAsync(TimeSpan.FromSeconds(10));
        using (await bed.Admin.PutAsJsonAsync("sim/accounts/2000000001/pin", new { pin = WrongPin }, Ct))
        {
        }
        var accounts = await bed.Admin.GetStringAsync("sim/accounts", Ct);

        OutcomeAssert.Is(UtilityOutcomeKind.Accepted, outcomes[0]);
        OutcomeAssert.Is(UtilityOutcomeKind.PinRejected, outcomes[1]);
        Assert.NotEmpty(bed.Logs.Lines);
        Assert.Contains(bed.Logs.Lines, l => l.Contains("2000000001", StringComparison.Ordinal)); // the capture works
        Assert.DoesNotContain(bed.Logs.Lines, l => l.Contains(Pin, StringComparison.Ordinal) || l.Contains(WrongPin, StringComparison.Ordinal));
        Assert.All(outcomes, o => Assert.DoesNotContain(Pin, o.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(Pin, accounts, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPin, accounts, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_OfARequest_MasksThePin()
    {
        var request = new UsageRequest("r1", "1000000001", Pin, DateTimeOffset.UnixEpoch, 3600, new Uri("https://portal.example/gbc/callback"));

        Assert.DoesNotContain(Pin, request.ToString(), StringComparison.Ordinal);
        Assert.Contains("1000000001", request.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedRequest_IsDescribedWithoutItsPin()
    {
        var body = $"<UsageRequest><requestId>r</requestId><serviceId>1</serviceId><pin>{Pin}</pin><interval><duration>x</duration><start>1</start></interval></UsageRequest>";

        var error = Assert.Throws<GbcMessageException>(() => UsageRequest.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body))));

        Assert.DoesNotContain(Pin, error.Message, StringComparison.Ordinal);
    }
}
