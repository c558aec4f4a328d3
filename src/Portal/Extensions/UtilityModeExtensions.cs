#if WITH_SIMULATOR
using GbcPortal.Core.Gbc;
using GbcPortal.Simulator;
#endif

namespace GbcPortal.Portal.Extensions;

/// <summary>Demo mode: the simulated utility in-process, or the live utility.</summary>
public static class UtilityModeExtensions
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
        var simulator = SimulatorConfiguration.Read(builder.Configuration, builder.Environment);
        simulator.CreateDevCertificates = true; // the set in the data folder, shared with the portal
        builder.Configuration[$"{GbcClientOptions.SectionName}:{nameof(GbcClientOptions.BaseUrl)}"] ??= simulator.ApiUrl;
        builder.Services.AddSingleton(simulator);
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
