using GbcPortal.Core.Persistence;
using GbcPortal.Core.Telemetry;
using HealthChecks.UI.Client;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace GbcPortal.Portal.Health;

/// <summary>
/// <c>/health/live</c> (the process answers), <c>/health/ready</c> (database, Hangfire storage,
/// certificates, callback listener), both in the health-check UI JSON format, and the OpenTelemetry
/// metrics for Prometheus (see <see cref="MetricsOptions"/>).
/// </summary>
public static class HealthServiceCollectionExtensions
{
    public const string LivePath = "/health/live", ReadyPath = "/health/ready", MetricsPath = "/metrics";

    private const string Ready = "ready";

    public static WebApplicationBuilder AddPortalHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<HangfireHealthCheck>("hangfire", tags: [Ready])
            .AddCheck<CertificatesHealthCheck>("certificates", tags: [Ready])
            .AddCheck<CallbackListenerHealthCheck>("callback-listener", tags: [Ready]);
        builder.Services.AddSingleton<BacklogMetrics>();

        var settings = Settings(builder.Configuration);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(GbcMetrics.MeterName);
            if (settings.Port is { } port)
                metrics.AddPrometheusHttpListener(options => (options.Host, options.Port) = (settings.Host, port));
            else
                metrics.AddPrometheusExporter();
        });
        return builder;
    }

    public static WebApplication MapPortalHealth(this WebApplication app)
    {
        app.Services.GetRequiredService<BacklogMetrics>().Register();
        app.MapHealthChecks(LivePath, new HealthCheckOptions
        {
            Predicate = _ => false, // alive is answering at all; dependencies are for readiness
            ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse,
        });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse,
        });
        if (Settings(app.Configuration).Port is null)
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(policy => policy.RequireRole(PortalRoles.Staff));
        return app;
    }

    // Read before the container exists: it decides which exporter is added.
    private static MetricsOptions Settings(IConfiguration configuration) =>
        configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
}
