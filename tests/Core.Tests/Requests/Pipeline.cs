using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Usage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GbcPortal.Core.Tests.Requests;

/// <summary>The pipeline's services over one database, wired by hand as the host would by DI: one "server".</summary>
public sealed class Pipeline
{
    public Pipeline(
        IDbContextFactory<PortalDbContext> factory,
        TimeProvider time,
        IUtilityClient client,
        IDataProtectionProvider? protection = null,
        DispatchOptions? dispatch = null,
        PlanningOptions? planning = null,
        LinkingOptions? linking = null)
    {
        Factory = factory;
        var dispatchOptions = Options.Create(dispatch ?? new DispatchOptions());
        Notifier = new RequestStatusNotifier(NullLogger<RequestStatusNotifier>.Instance);
        Pins = new PinProtector(protection ?? new EphemeralDataProtectionProvider());
        OffPeak = new OffPeakWindow(dispatchOptions);
        Planner = new RequestPlanner(factory, Notifier, time, Options.Create(planning ?? new PlanningOptions()), OffPeak, dispatchOptions);
        Rate = new DispatchRate(factory, time, dispatchOptions);
        Budget = new RateBudget(factory, time, dispatchOptions);
        var linkingOptions = Options.Create(linking ?? new LinkingOptions());
        Outcomes = new RequestOutcomes(factory, Notifier, time, dispatchOptions, linkingOptions);
        Control = new DispatchControlService(factory, Notifier, time);
        Watchdog = new WatchdogService(factory, Budget, Notifier, time, dispatchOptions);
        Links = new LinkService(factory, Pins, new LinkInputRules(linkingOptions), Planner, Notifier, time, linkingOptions,
            Options.Create(new UtilityTimeZoneOptions()));
        Reviews = new LinkReviews(factory, Notifier, time);
        Supervision = new LinkSupervision(factory, time);
        Identity = new DispatcherIdentity();
        Heartbeat = new DispatcherHeartbeat(factory, Identity, time, dispatchOptions, NullLogger<DispatcherHeartbeat>.Instance);
        Recovery = new ClaimRecovery(factory, Budget, Identity, Notifier, time, dispatchOptions, NullLogger<ClaimRecovery>.Instance);
        var claims = new DispatchClaims(OffPeak, Identity, dispatchOptions);
        var halts = new DispatchHalts(factory, new ConnectionDrops(), time, dispatchOptions, NullLogger<DispatchHalts>.Instance);
        var recorder = new SendRecorder(factory, Budget, Outcomes, claims, Identity, Notifier, time, dispatchOptions);
        var sender = new DispatchSender(client, Pins, recorder, halts, NullLogger<DispatchSender>.Instance);
        Dispatcher = new DispatchService(factory, Budget, claims, sender, halts, OffPeak, Identity, Heartbeat, Recovery, time, dispatchOptions);
    }

    public IDbContextFactory<PortalDbContext> Factory { get; }

    public RequestStatusNotifier Notifier { get; }

    public PinProtector Pins { get; }

    public RequestPlanner Planner { get; }

    public OffPeakWindow OffPeak { get; }

    public RateBudget Budget { get; }

    /// <summary>The rate in force (staff's setting on the DispatchControl row, else the configured one).</summary>
    public DispatchRate Rate { get; }

    public RequestOutcomes Outcomes { get; }

    public DispatchControlService Control { get; }

    public WatchdogService Watchdog { get; }

    public LinkService Links { get; }

    public LinkReviews Reviews { get; }

    public LinkSupervision Supervision { get; }

    public DispatchService Dispatcher { get; }

    /// <summary>This "server"'s dispatcher: its id, heartbeat and recovery of dead claims.</summary>
    public DispatcherIdentity Identity { get; }

    public DispatcherHeartbeat Heartbeat { get; }

    public ClaimRecovery Recovery { get; }

    public static FakeTimeProvider ClockAt(string isoUtc) => new(DateTimeOffset.Parse(isoUtc, System.Globalization.CultureInfo.InvariantCulture));

    public async Task<List<DataRequest>> RequestsAsync(int linkId)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.DataRequests.Where(r => r.LinkId == linkId).OrderBy(r => r.Priority).ToListAsync();
    }

    public async Task<ServiceLink> LinkAsync(int linkId)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.ServiceLinks.SingleAsync(l => l.Id == linkId);
    }
}
