using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Hosting;

/// <summary>
/// Start-up refusals an operator can act on: one line per missing or invalid setting on standard
/// error and a non-zero exit, never a stack trace.
/// </summary>
public static class StartupCheck
{
    /// <summary>In Production, the settings a deployment must give (see <see cref="ProductionSettings"/>); warnings too.</summary>
    public static bool Passes(WebApplicationBuilder builder, TextWriter error)
    {
        if (UtilityModeServiceCollectionExtensions.IsSimulated(builder.Configuration) && !UtilityModeServiceCollectionExtensions.HasSimulator)
        {
            error.WriteLine($"The portal cannot start: {UtilityModeServiceCollectionExtensions.ModeKey}=Simulated needs a build with the simulator "
                + "(a Debug build, or -p:WithSimulator=true); this build talks only to a live utility.");
            return false;
        }
        if (!builder.Environment.IsProduction())
            return true;
        var report = ProductionSettings.Check(builder.Configuration, builder.Environment.ContentRootPath, DateTimeOffset.UtcNow);
        foreach (var warning in report.Warnings)
            error.WriteLine($"warning: {warning}");
        if (report.Errors.Count == 0)
            return true;
        error.WriteLine($"The portal cannot start in Production: {report.Errors.Count} setting(s) to fix.");
        foreach (var problem in report.Errors)
            error.WriteLine(problem);
        return false;
    }

    /// <summary>Runs the host; options that fail validation at start end in their messages and exit code 2.</summary>
    public static async Task<int> RunAsync(WebApplication app, TextWriter error)
    {
        app.Services.GetRequiredService<PortalCertificates>(); // resolved now, so its expiry warnings are in the watch
        foreach (var warning in app.Services.GetRequiredService<CertificateWatch>().Warnings())
            app.Logger.LogWarning("Certificate: {Warning}", warning);
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync("The portal cannot start: settings to fix.");
            foreach (var failure in e.Failures)
                await error.WriteLineAsync(failure);
            return 2;
        }
    }
}
