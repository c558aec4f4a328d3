using GbcPortal.Core.Persistence;
using GbcPortal.Portal.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Extensions;

/// <summary>Hangfire storage, server and dashboard.</summary>
public static class HangfireExtensions
{
    public const string DashboardPath = "/hangfire";

    public static IHostApplicationBuilder AddPortalHangfire(this IHostApplicationBuilder builder, PortalDataFolder folder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        var provider = builder.Configuration.GetDatabaseProvider();
        var connectionString = builder.Configuration.GetConnectionString("Hangfire") ?? builder.Configuration.GetConnectionString("Portal");
        builder.Services.AddHangfire((services, config) =>
        {
            var jobs = services.GetRequiredService<IOptions<JobsOptions>>().Value;
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (provider == DatabaseProvider.Postgres)
            {
                // The storage installs its schema as soon as it is built, when the hosted services are
                // constructed: before DatabaseInitializer has run, so on a fresh server the database did
                // not exist yet and Hangfire retried for half a minute. Migrating is idempotent, so the
                // database is brought up here first and DatabaseInitializer finds nothing left to do.
                PortalDatabase.MigrateAsync(services.GetRequiredService<IDbContextFactory<PortalDbContext>>()).GetAwaiter().GetResult();
                // Several portal instances then share one queue, and the rate budget in the same database.
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString),
                    new PostgreSqlStorageOptions { QueuePollInterval = jobs.QueuePollInterval, PrepareSchemaIfNecessary = true });
            }
            else
            {
                config.UseSQLiteStorage(folder.HangfireFile,
                    new SQLiteStorageOptions { QueuePollInterval = jobs.QueuePollInterval });
            }
        });
        builder.Services.AddHangfireServer((services, options) =>
        {
            var jobs = services.GetRequiredService<IOptions<JobsOptions>>().Value;
            options.WorkerCount = jobs.WorkerCount;
            // A dispatch that waits for budget is a scheduled job: it must start close to its time.
            options.SchedulePollingInterval = jobs.QueuePollInterval;
        });
        builder.Services.AddSingleton<DispatchScheduler>();
        builder.Services.AddHostedService<RecurringJobsRegistrar>();
        return builder;
    }

    public static IEndpointConventionBuilder MapPortalDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboardWithAuthorizationPolicy(PortalRoles.Staff, DashboardPath,
            new DashboardOptions
            {
                Authorization = [new StaffDashboardAuthorizationFilter()],
                DashboardTitle = "GbcPortal jobs",
                AppPath = "/staff",
            });
}
