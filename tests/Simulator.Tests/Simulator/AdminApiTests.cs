using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GbcPortal.Simulator.Tests.Infrastructure;

namespace GbcPortal.Simulator.Tests.Simulator;

/// <summary>The admin API's paths and JSON, exactly as gbc-protocol.md's table gives them.</summary>
public sealed class AdminApiTests(CertificatesFixture certs)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostAccount_Creates201_AndTheListMasksEveryPin()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);

        using var created = await bed.Admin.PostAsJsonAsync("sim/accounts",
            new { serviceId = "3000000001", pin = "8642", intervalSeconds = 3600, solar = true, active = true }, Ct);
        var list = await bed.Admin.GetFromJsonAsync<JsonElement>("sim/accounts", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var account = list.EnumerateArray().Single(a => a.GetProperty("serviceId").GetString() == "3000000001");
        Assert.Equal(3600, account.GetProperty("intervalSeconds").GetInt32());
        Assert.True(account.GetProperty("solar").GetBoolean());
        Assert.Equal(5, list.GetArrayLength());
        Assert.All(list.EnumerateArray(), a => Assert.Equal("****", a.GetProperty("pin").GetString()));
    }

    [Theory]
    [InlineData("{\"serviceId\":\"abc\",\"pin\":\"1\",\"intervalSeconds\":900}")]
    [InlineData("{\"serviceId\":\"3000000002\",\"pin\":\"1\",\"intervalSeconds\":600}")]
    [InlineData("not json")]
    public async Task PostAccount_RefusesWhatItCannotSimulate(string body)
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);

        using var response = await bed.Admin.PostAsync("sim/accounts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Faults_RoundTripWithTheProtocolsKeys_AndRefuseNonsense()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);
        const string knobs = """{"delaySeconds":{"min":2,"max":10},"transient503Share":0.1,"duplicateCallbackShare":0.2,"lostFirstDeliveryShare":0.3,"asyncRejectionShare":0.05,"deliveryMode":"Notify","requestsPerMinute":12}""";

        using var put = await bed.Admin.PutAsync("sim/faults", new StringContent(knobs, System.Text.Encoding.UTF8, "application/json"), Ct);
        var got = await bed.Admin.GetStringAsync("sim/faults", Ct);
        using var bad = await bed.Admin.PutAsync("sim/faults", new StringContent(knobs.Replace("0.3", "1.3"), System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(knobs, got);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(knobs, await bed.Admin.GetStringAsync("sim/faults", Ct));
    }

    [Fact]
    public async Task Metrics_HaveTheProtocolsKeys()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);

        var metrics = await bed.Admin.GetStringAsync("sim/metrics", Ct);

        Assert.Equal("""{"requestsReceived":0,"rateLimited":0,"callbacksSent":0,"callbackRetries":0,"rejected":0}""", metrics);
    }

    [Fact]
    public async Task Requests_LogEachPostWithItsArrivalTimeWindowAndStatus()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs, o => o.Faults = o.Faults with { RequestsPerMinute = 1 });
        var (start, end) = SimulatorTestBed.PastWindow(2);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var accepted = bed.Request("1000000002", "2345", start, end);
        await bed.Client.SubmitAsync(accepted, Ct);
        await bed.Client.SubmitAsync(bed.Request("1000000002", "2345", start, end), Ct); // over the limit of 1

        using var log = JsonDocument.Parse(await bed.Admin.GetStringAsync("sim/requests", Ct));
        var entries = log.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(202, entries[0].GetProperty("status").GetInt32());
        Assert.Equal(accepted.RequestId, entries[0].GetProperty("requestId").GetString());
        Assert.Equal(start.ToUnixTimeSeconds(), entries[0].GetProperty("start").GetInt64());
        Assert.Equal((long)(end - start).TotalSeconds, entries[0].GetProperty("durationSeconds").GetInt64());
        Assert.InRange(entries[0].GetProperty("receivedAtMs").GetInt64(), before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(429, entries[1].GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, entries[1].GetProperty("requestId").ValueKind); // refused before its body was read
    }

    [Fact]
    public async Task UnknownAccountsAndBadWindows_AreRefused()
    {
        await using var bed = await SimulatorTestBed.StartAsync(certs);

        using var pin = await bed.Admin.PutAsJsonAsync("sim/accounts/42/pin", new { pin = "1" }, Ct);
        using var deactivate = await bed.Admin.PostAsync("sim/accounts/42/deactivate", null, Ct);
        using var usage = await bed.Admin.GetAsync("sim/accounts/1000000001/usage?start=10", Ct);
        using var backwards = await bed.Admin.GetAsync("sim/accounts/1000000001/usage?start=10&end=5", Ct);
        using var emptyPin = await bed.Admin.PutAsJsonAsync("sim/accounts/1000000001/pin", new { pin = "" }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, pin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deactivate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, usage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, emptyPin.StatusCode);
    }

    [Fact]
    public async Task AdminUrl_MustBeLoopback()
    {
        var options = new SimulatorOptions { ApiUrl = "https://127.0.0.1:0", AdminUrl = "http://0.0.0.0:0", Certificates = { Directory = certs.Ours.Directory } };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SimulatorHost.StartAsync(options, cancellationToken: Ct));

        Assert.Contains("loopback", error.Message);
    }
}
