using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Portal.Hosting;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Jobs;

/// <summary>Hangfire storage, server and dashboard.</summary>
public static class JobsServiceCollectionExtensions
{
    public const string DashboardPath = "/hangfire";

    public static IHostApplicationBuilder AddPortalJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        var provider = builder.Configuration.GetDatabaseProvider();
        builder.Services.AddHangfire((services, config) =>
        {
            var jobs = services.GetRequiredService<IOptions<JobsOptions>>().Value;
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (provider == DatabaseProvider.Postgres)
            {
                // Hangfire's database is the portal's unless ConnectionStrings:Hangfire says otherwise. Several portal
                // instances share one queue, and the rate budget in the same database. The storage installs its own
                // schema when it is built: see DatabaseMigration for when that is.
                var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString("Hangfire")
                    ?? services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
                {
                    QueuePollInterval = jobs.QueuePollInterval,
                    PrepareSchemaIfNecessary = true,
                    DistributedLockTimeout = jobs.DistributedLockTimeout,
                    InvisibilityTimeout = jobs.InvisibilityTimeout,
                    UseSlidingInvisibilityTimeout = true,
                });
            }
            else
            {
                config.UseSQLiteStorage(services.GetRequiredService<PortalDataFolder>().HangfireFile, new SQLiteStorageOptions
                {
                    QueuePollInterval = jobs.QueuePollInterval,
                    DistributedLockLifetime = jobs.DistributedLockTimeout,
                    InvisibilityTimeout = jobs.SqliteInvisibilityTimeout,
                });
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
        // The database is migrated before the host starts them (see DatabaseMigration): the heartbeat, then this
        // process's dispatcher (with what runs it between the recurring job's minutes), the recurring jobs, the emails' kick.
        builder.Services.AddHostedService(services => services.GetRequiredService<DispatcherHeartbeat>());
        builder.Services.AddHostedService<DispatchPump>();
        builder.Services.AddHostedService<RecurringJobs>();
        builder.Services.AddHostedService<NoticeScheduler>();
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
