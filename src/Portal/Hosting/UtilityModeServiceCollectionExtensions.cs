#if WITH_SIMULATOR
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Gbc.Certificates;
using GbcPortal.Simulator;
using Microsoft.Extensions.Options;
#endif

namespace GbcPortal.Portal.Hosting;

/// <summary>Demo mode: the simulated utility in-process, or the live utility.</summary>
public static class UtilityModeServiceCollectionExtensions
{
    public const string ModeKey = "Utility:Mode";

    /// <summary>Whether this build has the simulated utility in it (Debug builds; see WithSimulator in the project).</summary>
#if WITH_SIMULATOR
    public static bool HasSimulator => true;
#else
    public static bool HasSimulator => false;
#endif

    /// <summary>appsettings.Development.json sets Simulated; without a setting the portal talks to the live utility.</summary>
    public static bool IsSimulated(IConfiguration configuration) =>
        Enum.TryParse<UtilityMode>(configuration[ModeKey], ignoreCase: true, out var mode) && mode == UtilityMode.Simulated;

    /// <summary>
    /// In Simulated mode the GBC client (Core's <c>AddGbc</c>) talks to the simulator started in-process
    /// (whose port may be chosen only at start).
    /// </summary>
    public static WebApplicationBuilder AddUtilityMode(this WebApplicationBuilder builder)
    {
        if (!IsSimulated(builder.Configuration))
            return builder;

#if WITH_SIMULATOR
        builder.Services.AddSingleton(services =>
        {
            var simulator = SimulatorConfiguration.Read(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>());
            // The portal's certificates as it resolves them (the dev set in the data folder unless others are named).
            simulator.Certificates = services.GetRequiredService<IOptions<CertificatesOptions>>().Value;
            simulator.CreateDevCertificates = true;
            return simulator;
        });
        builder.Services.AddOptions<GbcClientOptions>()
            .PostConfigure<SimulatorOptions>((gbc, simulator) => gbc.BaseUrl ??= new Uri(simulator.ApiUrl));
        builder.Services.AddSingleton<InProcessSimulator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InProcessSimulator>());
        builder.Services.AddHttpClient(GbcClient.HttpClientName).ConfigureHttpClient((services, http) =>
        {
            if (services.GetRequiredService<InProcessSimulator>().Handle is { } running)
                http.BaseAddress = running.ApiUri;
        });
        return builder;
#else
        throw new InvalidOperationException($"{ModeKey}=Simulated in a build without the simulator (StartupCheck refuses it first).");
#endif
    }
}
