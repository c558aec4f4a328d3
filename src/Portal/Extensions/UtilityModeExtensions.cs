using GbcPortal.Core.Utility;

namespace GbcPortal.Portal.Extensions;

/// <summary>Demo mode: the simulated utility in-process, or the live utility.</summary>
public static class UtilityModeExtensions
{
    public const string ModeKey = "Utility:Mode";

    /// <summary>appsettings.Development.json sets Simulated; without a setting the portal talks to the live utility.</summary>
    public static bool IsSimulated(IConfiguration configuration) =>
        Enum.TryParse<UtilityMode>(configuration[ModeKey], ignoreCase: true, out var mode) && mode == UtilityMode.Simulated;

    public static WebApplicationBuilder AddUtilityMode(this WebApplicationBuilder builder)
    {
        builder.Services.AddGbcClient();
        return builder;
    }
}
