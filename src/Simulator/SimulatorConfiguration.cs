using GbcPortal.Core.Gbc.Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace GbcPortal.Simulator;

/// <summary>
/// Reads <see cref="SimulatorOptions"/> from a host's configuration (sections <c>Simulator</c>
/// and <c>Certificates</c>) over the simulator's own appsettings.json, which is embedded in
/// the assembly: a portal hosting the simulator gets the demo accounts without copying them.
/// </summary>
public static class SimulatorConfiguration
{
    private const string ResourceName = "GbcPortal.Simulator.appsettings.json";

    /// <summary>
    /// Binds the options. Accounts come from the host's <c>Simulator:Accounts</c> when it has
    /// any, else the demo accounts. In Development an empty <c>Certificates:Directory</c> means
    /// <c>data/certs</c> under the content root, and the dev set is created there when missing.
    /// </summary>
    public static SimulatorOptions Read(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var defaults = Defaults();
        var merged = new ConfigurationBuilder().AddConfiguration(defaults).AddConfiguration(configuration).Build();
        var options = merged.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>() ?? new SimulatorOptions();
        // Lists merge by index across sources; accounts must come from one place or the other.
        var accounts = configuration.GetSection($"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.Accounts)}");
        options.Accounts = (accounts.Exists() ? accounts : defaults.GetSection($"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.Accounts)}"))
            .Get<List<Accounts.AccountOptions>>() ?? [];
        // The binder appends a configured array to the initialised default; configured delays replace it.
        var delays = merged.GetSection($"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.RetryDelays)}");
        if (delays.Exists())
            options.RetryDelays = delays.Get<TimeSpan[]>() ?? [];

        options.Certificates = configuration.GetSection(CertificatesOptions.SectionName).Get<CertificatesOptions>() ?? new CertificatesOptions();
        if (environment.IsDevelopment())
        {
            options.CreateDevCertificates = true;
            if (string.IsNullOrWhiteSpace(options.Certificates.Directory))
                options.Certificates.Directory = Path.Combine(environment.ContentRootPath, "data", "certs");
        }
        else if (!string.IsNullOrWhiteSpace(options.Certificates.Directory) && !Path.IsPathRooted(options.Certificates.Directory))
        {
            options.Certificates.Directory = Path.Combine(environment.ContentRootPath, options.Certificates.Directory);
        }
        return options;
    }

    /// <summary>The simulator's appsettings.json as shipped: protocol defaults and the demo accounts.</summary>
    public static IConfiguration Defaults()
    {
        using var stream = typeof(SimulatorConfiguration).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded {ResourceName} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return new ConfigurationBuilder().AddJsonStream(copy).Build();
    }
}
