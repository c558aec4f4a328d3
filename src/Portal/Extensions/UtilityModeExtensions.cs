using GbcPortal.Core.Requests;
using GbcPortal.Core.Utility;
using GbcPortal.Simulator;

namespace GbcPortal.Portal.Extensions;

/// <summary>Demo mode: the simulated utility in-process, or the live utility.</summary>
public static class UtilityModeExtensions
{
    public const string ModeKey = "Utility:Mode";

    /// <summary>appsettings.Development.json sets Simulated; without a setting the portal talks to the live utility.</summary>
    public static bool IsSimulated(IConfiguration configuration) =>
        Enum.TryParse<UtilityMode>(configuration[ModeKey], ignoreCase: true, out var mode) && mode == UtilityMode.Simulated;

    /// <summary>
    /// The GBC client as the dispatcher's <see cref="IUtilityClient"/>; in Simulated mode it talks to
    /// the simulator started in-process (whose port may be chosen only at start).
    /// </summary>
    public static WebApplicationBuilder AddUtilityMode(this WebApplicationBuilder builder)
    {
        var client = builder.Services.AddGbcClient();
        builder.Services.AddScoped<IUtilityClient, GbcUtilityClient>();
        if (!IsSimulated(builder.Configuration))
            return builder;

        var simulator = SimulatorConfiguration.Read(builder.Configuration, builder.Environment);
        simulator.CreateDevCertificates = true; // the set in the data folder, shared with the portal
        builder.Configuration[$"{GbcClientOptions.SectionName}:{nameof(GbcClientOptions.BaseUrl)}"] ??= simulator.ApiUrl;
        builder.Services.AddSingleton(simulator);
        builder.Services.AddSingleton<InProcessSimulator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InProcessSimulator>());
        client.ConfigureHttpClient((services, http) =>
        {
            if (services.GetRequiredService<InProcessSimulator>().Handle is { } running)
                http.BaseAddress = running.ApiUri;
        });
        return builder;
    }
}
