using System.Security.Claims;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Staff;
using GbcPortal.Core.Upload;
using GbcPortal.Core.Usage;
using Bunit.TestDoubles;
using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace GbcPortal.Portal.Tests;

/// <summary>
/// The shared bUnit context: MudBlazor services with a popover provider, loose JS interop (the chart
/// module is not run here), a signed-in customer, and the real Core services on a real SQLite file.
/// </summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    private readonly TempFolder folder = new("gbc-portal-tests-");

    protected PortalTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddLogging();
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(new GbcPortal.Portal.Hosting.CertificateWatch(Clock));
        Services.AddPortalDatabase(DatabaseProvider.Sqlite, $"Data Source={folder.File("portal.db")}");
        // Keys in memory: a test never writes keys to the machine's profile.
        Services.AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(
            new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        Services.AddRequestPipeline();
        Services.AddSingleton<IFeedSource, NoFeeds>();
        Services.AddIngest();
        Services.AddUsage();
        Services.AddStaffTools();
        Services.AddScoped(_ => new GbcPortal.Portal.Audit.ClientAddress { Ip = ClientIp });
        Services.AddUpload();
        // Real Hangfire storage on its own file, no server: a test can see which jobs a page queued.
        jobStorage = new Lazy<SQLiteStorage>(() => new SQLiteStorage(folder.File("hangfire.db"), new SQLiteStorageOptions()));
        Services.AddSingleton<IBackgroundJobClient>(_ => new BackgroundJobClient(JobStorage));
        Auth = AddAuthorization();
        Auth.SetAuthorized("customer@example.test");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, OwnerId));
    }

    public const string OwnerId = "owner-1";

    public const string OtherOwnerId = "owner-2";

    /// <summary>The address pages report to the audit log (what the circuit handler sets in the portal).</summary>
    public const string ClientIp = "198.51.100.23";

    /// <summary>Noon Pacific on 2026-03-12, so "today" and "next" are fixed.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 12, 19, 0, 0, TimeSpan.Zero));

    public BunitAuthorizationContext Auth { get; }

    private readonly Lazy<SQLiteStorage> jobStorage;

    /// <summary>The Hangfire storage pages enqueue into (nothing runs the jobs here).</summary>
    public SQLiteStorage JobStorage => jobStorage.Value;

    public IDbContextFactory<PortalDbContext> Db => Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    public async ValueTask InitializeAsync()
    {
        await PortalDatabase.MigrateAsync(Db, TestContext.Current.CancellationToken);
        await using var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        // Normalized as Identity's UserManager would, so look-ups by email work as in the portal.
        db.Users.Add(new PortalUser { Id = OwnerId, UserName = "customer@example.test", Email = "customer@example.test", NormalizedEmail = "CUSTOMER@EXAMPLE.TEST" });
        db.Users.Add(new PortalUser { Id = OtherOwnerId, UserName = "other@example.test", Email = "other@example.test", NormalizedEmail = "OTHER@EXAMPLE.TEST" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Renders a component under the providers MainLayout gives every page.</summary>
    public IRenderedComponent<TComponent> RenderPage<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return Render(parameters ?? (_ => { }));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (jobStorage.IsValueCreated)
        {
            jobStorage.Value.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    private sealed class NoFeeds : IFeedSource
    {
        public Task<Stream> OpenAsync(Uri resource, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No Notify resources in these tests.");
    }
}
