using System.Globalization;
using GbcPortal.Core.Persistence;

namespace GbcPortal.Simulation;

/// <summary>What one run simulates, and on which database.</summary>
public sealed record SimulationSettings
{
    /// <summary>Active services with data before the first day.</summary>
    public int Existing { get; init; } = 20_000;

    /// <summary>New links per simulated day, spread at random through the day.</summary>
    public int ArrivingPerDay { get; init; } = 1_000;

    public int Days { get; init; } = 30;

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Null: a new SQLite file in a temp folder, or a database on a private PostgreSQL server started for the run.
    /// Given: that database, which must be empty (it is migrated and left in place).
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>The first simulated instant: local midnight in the utility's zone (1 March 2026: the run spans spring-forward).</summary>
    public DateOnly StartDate { get; init; } = new(2026, 3, 1);

    /// <summary>Seeds the arrival times and the existing services' data ages, so a run can be repeated.</summary>
    public int Seed { get; init; } = 20261130;

    /// <summary>Linked services per customer account (the portal allows up to 10).</summary>
    public int ServicesPerAccount { get; init; } = 2;

    /// <summary>Portal settings laid over the defaults (for example <c>Dispatch:ParallelSends</c>), as in appsettings.</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();

    /// <summary>The refresh job's daily local time (the portal's <c>Jobs:RefreshCron</c>, 0 17 * * * in America/Los_Angeles).</summary>
    public TimeOnly RefreshJobAt { get; init; } = new(17, 0);

    /// <summary>
    /// True: the utility's callbacks (and the harness's backlog checks) are applied on the loop's thread right after each
    /// dispatch run, so a run is deterministic. False (the default): on a second thread while the loop dispatches on, as
    /// the portal's Hangfire workers ingest callbacks beside the dispatcher; drained before each midnight sample, refresh
    /// job and watchdog run.
    /// </summary>
    public bool SerialCallbacks { get; init; }

    /// <summary>The watchdog job's period (<c>Jobs:WatchdogCron</c>, every 5 minutes).</summary>
    public TimeSpan WatchdogEvery { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Parses the harness's command line; throws <see cref="ArgumentException"/> with the usage on a bad one.</summary>
    public static SimulationSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new SimulationSettings();
        var configuration = new Dictionary<string, string?>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.\n{Usage}");
            int Count(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n : throw new ArgumentException($"{name} takes a whole number of at least {min}.\n{Usage}");
            settings = name switch
            {
                "--existing" => settings with { Existing = Count(0) },
                "--arriving-per-day" => settings with { ArrivingPerDay = Count(0) },
                "--days" => settings with { Days = Count(1) },
                "--provider" => settings with { Provider = ParseProvider(Value()) },
                "--connection-string" => settings with { ConnectionString = Value() },
                "--start" => settings with
                {
                    StartDate = DateOnly.TryParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                        ? d : throw new ArgumentException($"--start takes a date, yyyy-MM-dd.\n{Usage}"),
                },
                "--seed" => settings with { Seed = Count(0) },
                "--refresh-job-at" => settings with
                {
                    RefreshJobAt = TimeOnly.TryParseExact(Value(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                        ? t : throw new ArgumentException($"--refresh-job-at takes a local time, HH:mm.\n{Usage}"),
                },
                "--serial-callbacks" => settings with { SerialCallbacks = true },
                "--set" => settings with { Configuration = Set(configuration, Value()) },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option {name}.\n{Usage}"),
            };
        }

        return settings;
    }

    public const string Usage = """
        usage: dotnet run -c Release --project bench/GbcPortal.Simulation -- [options]
          --existing N            active services with data at the start (20000)
          --arriving-per-day N    new links a day, at random times (1000)
          --days N                simulated days (30)
          --provider Sqlite|Postgres   (Sqlite)
          --connection-string S   an empty database to use; without it a temp SQLite file, or a private PostgreSQL server
          --start yyyy-MM-dd      the first simulated local midnight in America/Los_Angeles (2026-03-01)
          --seed N                arrival times and data ages (20261130)
          --refresh-job-at HH:mm  when the refresh job runs each day, local time (17:00, as Jobs:RefreshCron)
          --serial-callbacks      apply callbacks on the loop's thread after each dispatch run (deterministic; default: a second thread)
          --set Section:Key=Value a portal setting, e.g. --set Dispatch:ParallelSends=1 (repeatable)
        quick check: --existing 2000 --arriving-per-day 100 --days 5
        """;

    private static DatabaseProvider ParseProvider(string text)
    {
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            if (string.Equals(provider.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        throw new ArgumentException($"--provider is Sqlite or Postgres, not '{text}'.\n{Usage}");
    }

    private static Dictionary<string, string?> Set(Dictionary<string, string?> configuration, string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--set takes Section:Key=Value, not '{pair}'.\n{Usage}");
        }

        configuration[pair[..equals]] = pair[(equals + 1)..];
        return configuration;
    }
}
