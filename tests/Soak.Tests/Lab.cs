using System.Globalization;
using GbcPortal.Testing;
using Npgsql;

namespace GbcPortal.Soak.Tests;

/// <summary>
/// The soak's processes and their settings, every one passed on the command line: the simulator (its own
/// accounts, faults on, short callback retries) and two portals in Live mode against it, on one database.
/// </summary>
public sealed class Lab : IDisposable
{
    public const string ApplicationA = "soak-a";
    public const string ApplicationB = "soak-b";

    public Lab(string work, PostgresServer server, string database, int rate)
    {
        Server = server;
        var root = RepositoryFiles.Root;
        // The same configuration as this test's build: bin/<Configuration>/net10.0.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        string Dll(string project, string name) => Path.Combine(root, "src", project, "bin", configuration, "net10.0", name);
        var certs = Path.Combine(work, "certs");
        int apiPort = PostgresBinaries.FreePort(), adminPort = PostgresBinaries.FreePort();
        AdminUri = new Uri($"http://127.0.0.1:{adminPort}");

        var simulator = new Dictionary<string, string>
        {
            ["Simulator:ApiUrl"] = $"https://127.0.0.1:{apiPort}",
            ["Simulator:AdminUrl"] = AdminUri.ToString().TrimEnd('/'),
            ["Certificates:Directory"] = certs,
            ["Simulator:Seed"] = "12026",
            ["Simulator:Faults:delaySeconds:min"] = "1",
            ["Simulator:Faults:delaySeconds:max"] = "4",
            ["Simulator:Faults:transient503Share"] = "0.05",
            ["Simulator:Faults:duplicateCallbackShare"] = "0.1",
            ["Simulator:Faults:lostFirstDeliveryShare"] = "0.05",
            ["Simulator:Faults:asyncRejectionShare"] = "0",
            ["Simulator:Faults:deliveryMode"] = "Push",
            ["Simulator:Faults:requestsPerMinute"] = rate.ToString(CultureInfo.InvariantCulture),
            // Callbacks to a killed instance are retried until it is back (about a minute in all).
            ["Simulator:RetryDelays:0"] = "00:00:02",
            ["Simulator:RetryDelays:1"] = "00:00:04",
            ["Simulator:RetryDelays:2"] = "00:00:08",
            ["Simulator:RetryDelays:3"] = "00:00:15",
            ["Simulator:RetryDelays:4"] = "00:00:30",
        };
        for (var i = 0; i < 22; i++)
        {
            // Hourly data keeps ingest light on a small machine; every other home has solar (two flows).
            simulator[$"Simulator:Accounts:{i}:ServiceId"] = ServiceId(i);
            simulator[$"Simulator:Accounts:{i}:Pin"] = Pin(i);
            simulator[$"Simulator:Accounts:{i}:IntervalSeconds"] = "3600";
            simulator[$"Simulator:Accounts:{i}:Solar"] = (i % 2 == 0).ToString();
            simulator[$"Simulator:Accounts:{i}:Active"] = "true";
            simulator[$"Simulator:Accounts:{i}:PowerOfTenMultiplier"] = "0";
        }
        Simulator = new ChildProcess("simulator", Dll("Simulator", "GbcPortal.Simulator.dll"), simulator,
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Development" }, Path.Combine(work, "simulator.log"));

        var connection = server.ConnectionString(database);
        Database = new SoakDatabase(connection);
        ConnectionStringA = new NpgsqlConnectionStringBuilder(connection) { ApplicationName = ApplicationA }.ConnectionString;
        (PortalA, UiA) = Portal("A", ConnectionStringA);
        (PortalB, UiB) = Portal("B", new NpgsqlConnectionStringBuilder(connection) { ApplicationName = ApplicationB }.ConnectionString);

        (ChildProcess, Uri) Portal(string name, string connectionString)
        {
            var ui = new Uri($"http://127.0.0.1:{PostgresBinaries.FreePort()}/");
            var settings = new Dictionary<string, string>
            {
                ["urls"] = ui.ToString().TrimEnd('/'),
                ["Callback:Url"] = $"https://127.0.0.1:{PostgresBinaries.FreePort()}",
                ["Portal:DataDirectory"] = Path.Combine(work, "portal-" + name),
                ["Portal:SeedStaffAccount"] = "true",
                ["Utility:Mode"] = "Live",
                ["Utility:BaseUrl"] = $"https://127.0.0.1:{apiPort}",
                ["Certificates:Directory"] = certs,
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Portal"] = connectionString,
                ["Dispatch:RequestsPerWindow"] = rate.ToString(CultureInfo.InvariantCulture),
                ["Dispatch:WindowSeconds"] = "60",
                ["Dispatch:BaseBackoffSeconds"] = "5",
                ["Dispatch:MaxBackoffSeconds"] = "20",
                ["Dispatch:IdlePollSeconds"] = "2",
                // More sends in flight at a higher rate, so a window's worth goes out in a moment on a busy machine.
                ["Dispatch:ParallelSends"] = Math.Max(3, rate / 8).ToString(CultureInfo.InvariantCulture),

                ["Dispatch:UnconfirmedSendTimeoutSeconds"] = "90",
                // Every customer registers from 127.0.0.1: the per-client limit on account forms is not what is tested here.
                ["RateLimits:AccountPostsPerMinute"] = "1000",
                ["Jobs:QueuePollInterval"] = "00:00:00.500",
                // The daily refresh is not what is soaked: at 17:00 Pacific it would plan refreshes for tonight's window,
                // and a run that crossed that minute waited for requests due hours later (failed CI once). Feb 31: never.
                ["Jobs:RefreshCron"] = "0 0 31 2 *",
                ["Jobs:WorkerCount"] = "4",
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            };
            // Development: no Production-only start-up checks, dev certificates from the shared folder; every other setting above.
            var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DOTNET_ENVIRONMENT"] = "Development" };
            return (new ChildProcess("portal " + name, Dll("Portal", "GbcPortal.Portal.dll"), settings, environment,
                Path.Combine(work, $"portal-{name}.log")), ui);
        }
    }

    public PostgresServer Server { get; }

    public ChildProcess Simulator { get; }

    public ChildProcess PortalA { get; }

    public ChildProcess PortalB { get; }

    public Uri AdminUri { get; }

    public Uri UiA { get; }

    public Uri UiB { get; }

    public string ConnectionStringA { get; }

    public SoakDatabase Database { get; }

    public static string ServiceId(int i) => (3000000000L + i).ToString(CultureInfo.InvariantCulture);

    public static string Pin(int i) => (1000 + i * 37).ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        PortalA.Dispose();
        PortalB.Dispose();
        Simulator.Dispose();
    }
}
