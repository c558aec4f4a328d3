using GbcPortal.Core.Gbc.Certificates;
using GbcPortal.Simulator.Accounts;

namespace GbcPortal.Simulator;

/// <summary>Everything the simulated utility needs (section <c>Simulator</c>; certificates from <c>Certificates</c>).</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>The GBC API (mutual TLS). Port 0 binds a free port; the handle tells which.</summary>
    public string ApiUrl { get; set; } = "https://127.0.0.1:7443";

    /// <summary>The admin API (plain HTTP, loopback only).</summary>
    public string AdminUrl { get; set; } = "http://127.0.0.1:7080";

    /// <summary>The accounts that exist when the simulator starts.</summary>
    public List<AccountOptions> Accounts { get; set; } = [];

    /// <summary>The fault knobs in force at start (changeable through the admin API).</summary>
    public FaultKnobs Faults { get; set; } = new();

    /// <summary>
    /// The waits between callback attempts when a delivery gets no 200: four retries after the
    /// first try, about 30 minutes in all, as gbc-protocol.md promises.
    /// </summary>
    public TimeSpan[] RetryDelays { get; set; } =
        [TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(13)];

    /// <summary>How long a callback may take before it counts as unanswered (the protocol says 30 s).</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest UsageRequest body accepted; a real one is under 1 KB.</summary>
    public int MaxRequestBytes { get; set; } = 16 * 1024;

    /// <summary>Seed of the simulator's randomness (fault draws, ids); null for a fresh seed each start.</summary>
    public int? Seed { get; set; }

    /// <summary>How far back an account's data goes.</summary>
    public int HistoryDays { get; set; } = 3 * 365;

    /// <summary>Where the utility's certificates come from; an empty directory in Development gets a dev set.</summary>
    public CertificatesOptions Certificates { get; set; } = new();

    /// <summary>Create the dev certificate set in <see cref="CertificatesOptions.Directory"/> when it is missing (Development).</summary>
    public bool CreateDevCertificates { get; set; }
}
