using GbcPortal.Core.Requests;
using GbcPortal.Portal.Hosting;
using GbcPortal.Simulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>
/// The real portal in demo mode on real Kestrel (<see cref="PortalFactory"/>: every port dynamic, a
/// temp data folder; the simulated utility in-process with 0–2 s delays and one month of history),
/// plus one headless Debian Chromium driven by Playwright. Started once for the whole collection.
/// The staff account is the one appsettings.Development.json seeds (README), as a developer signs in.
/// </summary>
public sealed class PortalFixture() : PortalFactory(Settings(), staffPassword: null), IAsyncLifetime
{
    public const string Collection = "portal in a browser";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The SMTP server every email of the portal goes to (through MailKit, as in Production).</summary>
    public MailCatcher Mail { get; } = new();

    /// <summary>The portal's warnings and errors, to explain a failure.</summary>
    public ServerLog Log { get; } = new();

    /// <summary>The simulator's admin API: the truth the portal's figures are checked against.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public DispatchControlService Dispatch => Services.GetRequiredService<DispatchControlService>();

    /// <summary>Where screenshots land: beside the test assembly, so each run's output holds them.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        File.Delete(ServerLog.FilePath);
        StartServer();
        var simulator = Services.GetRequiredService<InProcessSimulator>().Handle
            ?? throw new InvalidOperationException("Demo mode did not start the simulator.");
        Admin = new HttpClient { BaseAddress = simulator.AdminUri, Timeout = TimeSpan.FromSeconds(30) };
        Directory.CreateDirectory(ScreenshotDirectory);

        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>Fails when the portal logged an error (a dead circuit, a 500) since <paramref name="mark"/> = <c>Log.Count</c>.</summary>
    public void AssertNoServerErrorsSince(int mark)
    {
        var errors = Log.ErrorsSince(mark);
        Assert.True(errors.Length == 0, $"The portal logged errors during the test:\n{errors}");
    }

    /// <summary>A fresh browser context (its own cookies: one user) with one page.</summary>
    public async Task<BrowserSession> NewSessionAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = UiAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
            Locale = "en-US",
            TimezoneId = "America/Los_Angeles",
        });
        context.SetDefaultTimeout(20_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Email:SmtpPort", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:EnableSsl", "false");
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Log).SetMinimumLevel(LogLevel.Warning));
    }

    private static Dictionary<string, string?> Settings() => WithTestAccounts(new()
    {
        ["Utility:Mode"] = "Simulated",
        ["Utility:BaseUrl"] = null,
        ["Jobs:RegisterRecurringJobs"] = null,
        ["Simulator:ApiUrl"] = "https://127.0.0.1:0",
        ["Simulator:AdminUrl"] = "http://127.0.0.1:0",
        ["Simulator:Faults:delaySeconds:min"] = "0",
        ["Simulator:Faults:delaySeconds:max"] = "2",
        ["Simulator:Faults:requestsPerMinute"] = "600",
        // The portal's own limit, loosened so a few links finish in seconds.
        ["Dispatch:RequestsPerWindow"] = "60",
        ["Dispatch:WindowSeconds"] = "60",
        ["Dispatch:BaseBackoffSeconds"] = "1",
        ["Dispatch:MaxBackoffSeconds"] = "2",
        // One month of history: a Verify and one small backfill per link.
        ["Planning:HistoryMonths"] = "1",
        // Refresh requests may go out at any hour: the meter-swap test runs the daily refresh by hand.
        ["Dispatch:OffPeakStart"] = "00:00:00",
        ["Dispatch:OffPeakEnd"] = "23:59:59",
        // Tests run the daily refresh by hand (RefreshJob); the recurring one firing at 17:00 on the utility's clock mid-run
        // would plan refreshes no test expects. Feb 31: never.
        ["Jobs:RefreshCron"] = "0 0 31 2 *",
        // Every test registers its own customers from 127.0.0.1: the per-address limit on account
        // posts (tested in Production.Tests) would refuse the suite's registrations after ten a minute.
        ["RateLimits:AccountPostsPerMinute"] = "1000",
    });

    /// <summary>
    /// The simulator's demo accounts (its appsettings.json, the one list) plus Service IDs of the tests' own for the
    /// account-data and early-typing tests: a Service ID linked by a second account is held for staff review, so tests
    /// do not share one. A host's <c>Simulator:Accounts</c> replaces the demo list, so the whole list is written.
    /// </summary>
    private static Dictionary<string, string?> WithTestAccounts(Dictionary<string, string?> settings)
    {
        const string Accounts = "Simulator:Accounts";
        var demo = SimulatorConfiguration.Defaults().GetSection(Accounts);
        foreach (var (key, value) in demo.AsEnumerable().Where(kv => kv.Value is not null))
            settings[key] = value;
        var next = demo.GetChildren().Count();
        foreach (var (serviceId, pin) in new[] { ("1000000006", "6789"), ("1000000007", "7890") })
        {
            settings[$"{Accounts}:{next}:ServiceId"] = serviceId;
            settings[$"{Accounts}:{next}:Pin"] = pin;
            settings[$"{Accounts}:{next}:IntervalSeconds"] = "3600";
            settings[$"{Accounts}:{next}:Active"] = "true";
            next++;
        }
        return settings;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        Admin?.Dispose();
        await base.DisposeAsync();
        await Mail.DisposeAsync();
    }
}
