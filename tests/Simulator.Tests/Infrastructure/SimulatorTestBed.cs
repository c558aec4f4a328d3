using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GbcPortal.Core.Espi;
using GbcPortal.Core.Gbc;
using GbcPortal.Simulator.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GbcPortal.Simulator.Tests.Infrastructure;

/// <summary>
/// The real simulator on free loopback ports with the test dev set, a callback receiver, and a
/// <see cref="GbcClient"/> registered the way the portal registers it (<c>AddGbc</c>); every log line of the
/// simulator and the client is captured.
/// </summary>
public sealed class SimulatorTestBed : IAsyncDisposable
{
    private readonly ServiceProvider _clientServices;

    private SimulatorTestBed(SimulatorHandle simulator, CallbackReceiver receiver, ServiceProvider clientServices, CapturingLoggerProvider logs)
    {
        Simulator = simulator;
        Receiver = receiver;
        _clientServices = clientServices;
        Logs = logs;
        Client = clientServices.GetRequiredService<GbcClient>();
        Admin = new HttpClient { BaseAddress = simulator.AdminUri };
    }

    public SimulatorHandle Simulator { get; }

    public CallbackReceiver Receiver { get; }

    public GbcClient Client { get; }

    public HttpClient Admin { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>The demo accounts of the simulator's appsettings.json, with the same PINs.</summary>
    public static List<AccountOptions> DemoAccounts() =>
    [
        new() { ServiceId = "1000000001", Pin = "1234", IntervalSeconds = 900, Solar = true, PowerOfTenMultiplier = -3 },
        new() { ServiceId = "1000000002", Pin = "2345", IntervalSeconds = 3600, PowerOfTenMultiplier = 0 },
        new() { ServiceId = "1000000003", Pin = "3456", IntervalSeconds = 900, Active = false },
        new() { ServiceId = "1000000004", Pin = "4567", IntervalSeconds = 900, PowerOfTenMultiplier = -3 },
    ];

    public static async Task<SimulatorTestBed> StartAsync(
        CertificatesFixture certs,
        Action<SimulatorOptions>? configure = null,
        int failFirstCallbacks = 0,
        int clientRetries = 2,
        TimeProvider? time = null)
    {
        var logs = new CapturingLoggerProvider();
        var options = new SimulatorOptions
        {
            ApiUrl = "https://127.0.0.1:0",
            AdminUrl = "http://127.0.0.1:0",
            Accounts = DemoAccounts(),
            Faults = new FaultKnobs { DelaySeconds = new DelayRange(0, 0.2) },
            RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)],
            CallbackTimeout = TimeSpan.FromSeconds(5),
            Seed = 42,
            Certificates = { Directory = certs.Ours.Directory },
        };
        configure?.Invoke(options);

        var loggerFactory = LoggerFactory.Create(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var simulator = await SimulatorHost.StartAsync(options, time ?? TimeProvider.System, loggerFactory, TestContext.Current.CancellationToken);
        var receiver = await CallbackReceiver.StartAsync(certs, failFirstCallbacks);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Utility:BaseUrl"] = simulator.ApiUri.ToString(),
            ["Utility:MaxRetries"] = clientRetries.ToString(CultureInfo.InvariantCulture),
            ["Utility:RetryDelay"] = "00:00:00.050",
            ["Certificates:Directory"] = certs.Ours.Directory,
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<ICallbackAddress>(receiver);
        services.AddGbc();
        return new SimulatorTestBed(simulator, receiver, services.BuildServiceProvider(), logs);
    }

    /// <summary>A window that ends well before the simulator's data ends (the previous local midnight).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) PastWindow(int days)
    {
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        return (today.AddDays(-3 - days), today.AddDays(-3));
    }

    /// <summary>A request as it goes on the wire (the client sets the same callbackUri, the receiver's).</summary>
    public UsageRequest Request(string serviceId, string pin, DateTimeOffset start, DateTimeOffset end) =>
        UsageRequest.ForWindow(Guid.NewGuid().ToString(), serviceId, pin, start, end) with { CallbackUri = Receiver.CallbackUri };

    /// <summary>The simulator's true totals from <c>GET /sim/accounts/{id}/usage</c>: flow → (readings, Wh).</summary>
    public async Task<Dictionary<int, (long Readings, decimal Wh)>> TrueTotalsAsync(string serviceId, DateTimeOffset start, DateTimeOffset end)
    {
        var json = await Admin.GetFromJsonAsync<JsonElement>(
            $"sim/accounts/{serviceId}/usage?start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}", TestContext.Current.CancellationToken);
        return json.GetProperty("flows").EnumerateObject().ToDictionary(
            f => int.Parse(f.Name, CultureInfo.InvariantCulture),
            f => (f.Value.GetProperty("readings").GetInt64(), f.Value.GetProperty("wh").GetDecimal()));
    }

    /// <summary>What an ESPI feed holds per flow direction, summed exactly (values are exact at 1 mWh).</summary>
    public static Dictionary<int, (long Readings, decimal Wh)> FeedTotals(byte[] feed)
    {
        var document = new EspiReader().Read(new MemoryStream(feed));
        return document.Series.ToDictionary(
            s => s.ReadingType.FlowDirection ?? 0,
            s => ((long)s.Readings.Count, s.Readings.Sum(r => Math.Round((decimal)r.Value, 3))));
    }

    public async Task<JsonElement> MetricsAsync() =>
        await Admin.GetFromJsonAsync<JsonElement>("sim/metrics", TestContext.Current.CancellationToken);

    public async Task SetFaultsAsync(FaultKnobs knobs)
    {
        using var response = await Admin.PutAsJsonAsync("sim/faults", knobs, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _clientServices.DisposeAsync();
        await Receiver.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
