using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Portal.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

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
                // constructed: before DatabaseInitializer has run. So the database is migrated here first, and
                // Hangfire's schema installed in the same turn under the migration lock: instances that start
                // together on an empty server take turns instead of racing to create the same tables.
                PortalDatabase.MigrateAsync(services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), CancellationToken.None,
                    (_, ct) => InstallHangfireSchemaAsync(connectionString!, ct)).GetAwaiter().GetResult();
                // Several portal instances then share one queue, and the rate budget in the same database.
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
                {
                    QueuePollInterval = jobs.QueuePollInterval,
                    PrepareSchemaIfNecessary = false,
                    DistributedLockTimeout = jobs.DistributedLockTimeout,
                    InvisibilityTimeout = jobs.InvisibilityTimeout,
                    UseSlidingInvisibilityTimeout = true,
                });
            }
            else
            {
                config.UseSQLiteStorage(folder.HangfireFile, new SQLiteStorageOptions
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
        builder.Services.AddSingleton<NoticeScheduler>();
        // After the database is brought up (DatabaseInitializer comes first): the heartbeat, then this process's dispatcher.
        builder.Services.AddHostedService(services => services.GetRequiredService<DispatcherHeartbeat>());
        builder.Services.AddHostedService<DispatchPump>();
        builder.Services.AddHostedService<RecurringJobsRegistrar>();
        return builder;
    }

    // Hangfire's database is the portal's unless ConnectionStrings:Hangfire says otherwise; it exists by then.
    private static async Task InstallHangfireSchemaAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection);
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
