using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Usage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GbcPortal.Simulation;

/// <summary>
/// Runs the portal's real planner, link service, dispatcher, rate budget, outcome rules and watchdog (Core's DI
/// registration) on a real database, in virtual time: the clock jumps from one event to the next (a dispatch run at
/// the instant the last one asked for, an arrival, the refresh job, the watchdog, a local midnight), never ticking.
/// The utility accepts every request at once and its callback is applied at once through
/// <see cref="RequestOutcomes.CompleteAsync"/>, the step ingest ends with; no XML is parsed and no readings are
/// written (what the figures need is the link's status and <see cref="ServiceLink.LastCompleteReadingAt"/>).
/// </summary>
public sealed class SimulationEngine : IAsyncDisposable
{
    private readonly SimulationSettings settings;
    private readonly TextWriter? progress;
    private readonly FakeTimeProvider time;
    private readonly InstantUtility utility;
    private readonly WarningCounter warnings;
    private readonly ServiceProvider services;
    private readonly IDbContextFactory<PortalDbContext> factory;
    private readonly AsyncServiceScope scope;
    private readonly TimeZoneInfo zone;
    private readonly DispatchOptions dispatchOptions;
    private readonly OffPeakWindow offPeak;
    private readonly SimulationDatabase database;

    private readonly List<Send> sends = [];
    private readonly BacklogTracker backlog = new();
    private readonly List<MidnightSample> midnights = [];
    private readonly Dictionary<int, long> stalenessHistogram = [];
    private readonly ConcurrentDictionary<int, DateTimeOffset> arrivedAt = [];
    private readonly Dictionary<int, TimeSpan> firstData = [];
    private readonly Dictionary<string, TimeSpan> spent = [];
    private int dispatchRuns;
    private int idleRetries;

    // The callbacks' thread (SimulationSettings.SerialCallbacks off): the utility's callbacks, in the order the loop queued
    // them, each batch with the instant of the dispatch run that sent it, while the loop dispatches on.
    private readonly Channel<Func<Task>> callbackSteps = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private Task? callbackThread;

    private SimulationEngine(SimulationSettings settings, SimulationDatabase database, TextWriter? progress)
    {
        (this.settings, this.database, this.progress) = (settings, database, progress);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Configuration).Build();
        zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["Utility:TimeZone"] ?? new UtilityTimeZoneOptions().TimeZone);
        Start = LocalClock.ToUtc(settings.StartDate.ToDateTime(TimeOnly.MinValue), zone);
        time = new FakeTimeProvider(Start);
        utility = new InstantUtility(time);
        warnings = new WarningCounter(progress);

        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        if (Environment.GetEnvironmentVariable("GBC_SIMULATION_SQL_PROFILE") == "1")
        {
            collection.AddLogging(b => b.ClearProviders().AddProvider(new SqlProfile()).SetMinimumLevel(LogLevel.Information));
        }
        else
        {
            collection.AddLogging(b => b.ClearProviders().AddProvider(warnings).SetMinimumLevel(LogLevel.Warning));
        }
        collection.AddSingleton<TimeProvider>(time);
        collection.AddPortalDatabase(database.Provider, database.ConnectionString);
        collection.AddRequestPipeline();
        // PINs are encrypted and decrypted for real, with keys held in memory (nothing written to the home folder).
        collection.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        collection.AddSingleton<IUtilityClient>(utility);
        services = collection.BuildServiceProvider();
        scope = services.CreateAsyncScope();
        factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        dispatchOptions = services.GetRequiredService<IOptions<DispatchOptions>>().Value;
        offPeak = services.GetRequiredService<OffPeakWindow>();
    }

    /// <summary>The first simulated instant: local midnight of <see cref="SimulationSettings.StartDate"/>.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>
    /// The planner's own capacity (<see cref="RefreshCapacity"/> at the rate in force): the off-peak window's sends
    /// (<see cref="RefreshCapacity.OffPeakSlots"/>, 4,320 at 6 a minute over 12 hours) less the share kept for new links,
    /// <see cref="RefreshCapacity.NightlyRefreshes"/> (C', 3,888 at the default 0.1). The staleness bound is what the planner
    /// promises, ⌈N / C'⌉ (<see cref="RefreshCapacity.CycleDays(int)"/>): one definition, the planner's.
    /// </summary>
    private RefreshCapacity Capacity { get; set; } = null!;

    private int Bound(int activeServices) => Capacity.CycleDays(activeServices) ?? int.MaxValue;

    public static async Task<SimulationReport> RunAsync(SimulationSettings settings, TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        var wall = Stopwatch.StartNew();
        var database = await SimulationDatabase.CreateAsync(settings.Provider, settings.ConnectionString, cancellationToken);
        await using var engine = new SimulationEngine(settings, database, progress);
        progress?.WriteLine($"database: {database.Description}");
        engine.Capacity = RefreshCapacity.Nominal(engine.dispatchOptions, engine.offPeak,
            await engine.services.GetRequiredService<DispatchRate>().GetAsync(cancellationToken));
        var seeding = Stopwatch.StartNew();
        var arrivals = await engine.SeedAsync(cancellationToken);
        seeding.Stop();
        progress?.WriteLine($"seeded {settings.Existing:N0} services with data, and {arrivals.Count:N0} arrivals to come, in {Format(seeding.Elapsed)}");
        var simulation = Stopwatch.StartNew();
        // Process CPU (user + system, every thread) is what a busy shared machine does not distort much; wall time is.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await engine.SimulateAsync(arrivals, cancellationToken);
        var loopCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        simulation.Stop();
        return await engine.ReportAsync(seeding.Elapsed, simulation.Elapsed, loopCpu, wall.Elapsed, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    private DateTimeOffset Midnight(int day) => LocalClock.ToUtc(settings.StartDate.AddDays(day).ToDateTime(TimeOnly.MinValue), zone);

    private DateTimeOffset LocalTimeOn(int day, TimeOnly at) => LocalClock.ToUtc(settings.StartDate.AddDays(day).ToDateTime(at), zone);

    // Customers, the existing services (Active, their newest reading ending 0 .. ⌈existing / C'⌉ - 1 local days before the
    // start, evenly: as fresh as refreshing at capacity keeps them), and the arrivals' times, Service IDs, PINs and accounts.
    private async Task<List<Arrival>> SeedAsync(CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed);
        var perAccount = settings.ServicesPerAccount;
        var totalArrivals = settings.ArrivingPerDay * settings.Days;
        var existingOwners = await AddAccountsAsync("existing", (settings.Existing + perAccount - 1) / perAccount, cancellationToken);
        var arrivingOwners = await AddAccountsAsync("arriving", (totalArrivals + perAccount - 1) / perAccount, cancellationToken);

        var pin = services.GetRequiredService<PinProtector>().Protect("2468");
        var ages = Bound(settings.Existing);
        for (var first = 0; first < settings.Existing; first += 5_000)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(settings.Existing, first + 5_000); i++)
            {
                var last = Midnight(-(i % ages));
                db.ServiceLinks.Add(new ServiceLink
                {
                    OwnerId = existingOwners[i / perAccount],
                    ServiceId = (2_000_000_000L + i).ToString(CultureInfo.InvariantCulture),
                    ProtectedPin = pin,
                    Status = LinkStatus.Active,
                    CreatedAt = Start.AddDays(-400),
                    StatusChangedAt = Start.AddDays(-400),
                    CoveredFrom = last.AddDays(-396),
                    CoveredTo = last,
                    LastCompleteReadingAt = last,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        var arrivals = new List<Arrival>(totalArrivals);
        for (var day = 0; day < settings.Days; day++)
        {
            var (from, to) = (Midnight(day), Midnight(day + 1));
            var times = Enumerable.Range(0, settings.ArrivingPerDay)
                .Select(_ => from + TimeSpan.FromSeconds(Math.Floor(random.NextDouble() * (to - from).TotalSeconds))).Order().ToList();
            foreach (var at in times)
            {
                var n = arrivals.Count;
                arrivals.Add(new Arrival(at, arrivingOwners[n / perAccount], (3_000_000_000L + n).ToString(CultureInfo.InvariantCulture),
                    random.Next(0, 10_000).ToString("D4", CultureInfo.InvariantCulture)));
            }
        }

        return arrivals;
    }

    private async Task<List<string>> AddAccountsAsync(string kind, int count, CancellationToken cancellationToken)
    {
        var ids = new List<string>(count);
        for (var first = 0; first < count; first += 5_000)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(count, first + 5_000); i++)
            {
                var email = $"{kind}-{i}@simulation.example";
                var user = new PortalUser
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(),
                    Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true,
                };
                db.Users.Add(user);
                ids.Add(user.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return ids;
    }

    private async Task SimulateAsync(List<Arrival> arrivals, CancellationToken cancellationToken)
    {
        var links = services.GetRequiredService<LinkService>();
        var planner = services.GetRequiredService<RequestPlanner>();
        var watchdog = services.GetRequiredService<WatchdogService>();
        var dispatcher = scope.ServiceProvider.GetRequiredService<DispatchService>();
        var outcomes = services.GetRequiredService<RequestOutcomes>();

        var end = Midnight(settings.Days);
        var (arrival, day, refreshDay, checkDay) = (0, 1, 0, 0);
        var nextMidnight = Midnight(1);
        var nextRefreshJob = LocalTimeOn(0, settings.RefreshJobAt);
        var nextWatchdog = Start + settings.WatchdogEvery;
        // Where the off-peak window opens and closes the backlog changes without anything being sent: look again then.
        var offPeakEdges = new[] { dispatchOptions.OffPeakStart, dispatchOptions.OffPeakEnd }.Select(TimeOnly.FromTimeSpan).Order().ToArray();
        var nextEdge = NextEdge(Start);
        DateTimeOffset? dispatchAt = Start;
        var wall = Stopwatch.StartNew();
        if (!settings.SerialCallbacks)
        {
            callbackThread = Task.Run(async () =>
            {
                await foreach (var step in callbackSteps.Reader.ReadAllAsync(cancellationToken))
                {
                    await step();
                }
            }, cancellationToken);
        }

        DateTimeOffset NextEdge(DateTimeOffset after)
        {
            for (var d = checkDay; ; d++)
            {
                foreach (var edge in offPeakEdges)
                {
                    var at = LocalTimeOn(d, edge);
                    if (at > after)
                    {
                        checkDay = d;
                        return at;
                    }
                }
            }
        }

        while (true)
        {
            var next = Min(Min(Min(dispatchAt ?? DateTimeOffset.MaxValue, arrival < arrivals.Count ? arrivals[arrival].At : DateTimeOffset.MaxValue),
                Min(nextMidnight, nextRefreshJob)), Min(nextWatchdog, nextEdge));
            if (next > time.GetUtcNow())
            {
                time.SetUtcNow(next);
            }

            var now = time.GetUtcNow();
            var changed = false;
            if (now == nextMidnight)
            {
                // What a midnight samples is every callback of the day before, as in the serial run.
                await DrainCallbacksAsync();
                await TimedAsync("midnight samples", () => SampleMidnightAsync(now, day, wall.Elapsed, cancellationToken));
                if (now >= end)
                {
                    break;
                }

                nextMidnight = Midnight(++day);
            }

            for (; arrival < arrivals.Count && arrivals[arrival].At <= now; arrival++)
            {
                var a = arrivals[arrival];
                var result = await TimedAsync("linking", () => links.LinkAsync(a.OwnerId, a.ServiceId, a.Pin, cancellationToken));
                if (result.Kind != LinkResultKind.Created || result.NeedsReview)
                {
                    throw new InvalidOperationException($"Linking {a.ServiceId} gave {result.Kind} {result.Error} (review: {result.NeedsReview}).");
                }

                arrivedAt[result.LinkId!.Value] = now;
                dispatchAt = now; // the pump is woken by the link's notification
                changed = true;
            }

            if (now == nextRefreshJob)
            {
                await DrainCallbacksAsync();
                if (await TimedAsync("refresh planning", () => planner.PlanRefreshesAsync(cancellationToken)) > 0)
                {
                    dispatchAt = now;
                }

                nextRefreshJob = LocalTimeOn(++refreshDay, settings.RefreshJobAt);
                changed = true;
            }

            if (now == nextWatchdog)
            {
                await DrainCallbacksAsync();
                await TimedAsync("watchdog", () => watchdog.RunAsync(cancellationToken));
                nextWatchdog += settings.WatchdogEvery;
            }

            if (now == nextEdge)
            {
                nextEdge = NextEdge(now);
                changed = true;
            }

            if (dispatchAt <= now)
            {
                var result = await TimedAsync("dispatch", () => dispatcher.DispatchAsync(cancellationToken));
                dispatchRuns++;
                if (result.Halted is not null)
                {
                    throw new InvalidOperationException($"Dispatch halted at {now:O}: {result.Halted}");
                }

                var received = utility.TakeReceived();
                await OnCallbackThreadAsync(() => TimedAsync("callbacks", () => CompleteReceivedAsync(outcomes, received, now, cancellationToken)));
                dispatchAt = result.NextRunAt;
                if (result.NextRunAt <= now && result.Sent == 0)
                {
                    // Asked to run again at once having sent nothing: the pump would look again after a moment.
                    idleRetries++;
                    dispatchAt = now + TimeSpan.FromSeconds(1);
                }

                changed = true;
            }

            if (changed)
            {
                // On the loop's thread, at this instant: what the next dispatch run would find (with a second thread, the
                // callbacks of the run just made may not all be applied yet, as in the portal).
                backlog.Mark(now, await TimedAsync("backlog checks", () => HasSendableAsync(now, cancellationToken)));
            }
        }

        await DrainCallbacksAsync();
        callbackSteps.Writer.Complete();
        if (callbackThread is not null)
        {
            await callbackThread;
        }

        backlog.Mark(end, false);
    }

    // Serial: the step runs now. Parallel: it is queued for the callbacks' thread, behind the steps queued before it.
    private Task OnCallbackThreadAsync(Func<Task> step)
    {
        if (callbackThread is null)
        {
            return step();
        }

        if (callbackThread.IsFaulted)
        {
            return callbackThread;
        }

        return callbackSteps.Writer.TryWrite(step) ? Task.CompletedTask : throw new InvalidOperationException("The callbacks' thread has stopped.");
    }

    // Waits until the callbacks' thread has applied everything queued so far (or rethrows what stopped it).
    private async Task DrainCallbacksAsync()
    {
        if (callbackThread is null)
        {
            return;
        }

        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (callbackSteps.Writer.TryWrite(() =>
            {
                drained.SetResult();
                return Task.CompletedTask;
            }))
        {
            await Task.WhenAny(drained.Task, callbackThread);
        }

        if (callbackThread.IsCompleted)
        {
            await callbackThread;
            throw new InvalidOperationException("The callbacks' thread stopped before the loop did.");
        }
    }

    private async Task<T> TimedAsync<T>(string what, Func<Task<T>> step)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await step();
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            lock (spent)
            {
                spent[what] = spent.GetValueOrDefault(what) + elapsed;
            }
        }
    }

    private Task TimedAsync(string what, Func<Task> step) => TimedAsync(what, async () =>
    {
        await step();
        return true;
    });

    // What the dispatcher could claim now: the real queue (DispatchQueue.Sendable) and its off-peak rule for refreshes.
    private async Task<bool> HasSendableAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var sendable = DispatchQueue.Sendable(db, now);
        if (!offPeak.IsOffPeak(now))
        {
            sendable = sendable.Where(r => r.Kind != RequestKind.Refresh);
        }

        return await sendable.AnyAsync(cancellationToken);
    }

    // The utility's callback for each request it just accepted, applied at once: its data runs to the previous local
    // midnight, so a window ending later stores readings up to that midnight, one ending earlier all of them.
    // On the callbacks' thread the fake clock may have moved on: every figure here is computed from now, the instant of the
    // dispatch run the utility received these in, never from the clock.
    private async Task CompleteReceivedAsync(RequestOutcomes outcomes, List<(Guid RequestId, DateTimeOffset At)> received, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (received.Count == 0)
        {
            return;
        }

        var ids = received.Select(r => r.RequestId).ToList();
        Dictionary<Guid, SentRequest> rows;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            rows = await db.DataRequests.Where(r => ids.Contains(r.RequestId))
                .Select(r => new SentRequest(r.Id, r.RequestId, r.Kind, r.LinkId, r.WindowStart, r.WindowEnd))
                .ToDictionaryAsync(r => r.RequestId, cancellationToken);
        }

        var dataEnd = LocalClock.StartOfLocalDay(now, zone);
        foreach (var (requestId, at) in received)
        {
            var request = rows[requestId];
            sends.Add(new Send(at, request.Kind, request.LinkId));
            var last = request.WindowEnd < dataEnd ? request.WindowEnd : dataEnd;
            var readings = last > request.WindowStart ? (int)(last - request.WindowStart).TotalHours : 0;
            await outcomes.CompleteAsync(request.Id, new RequestCompletion(readings > 0 ? last : null, readings), cancellationToken);
            if (readings > 0 && arrivedAt.TryGetValue(request.LinkId, out var linked) && !firstData.ContainsKey(request.LinkId))
            {
                firstData[request.LinkId] = now - linked;
            }
        }
    }

    // Staleness of every active service's newest reading at a local midnight.
    private async Task SampleMidnightAsync(DateTimeOffset now, int day, TimeSpan wall, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var newest = await db.ServiceLinks.Where(l => l.Status == LinkStatus.Active)
            .Select(l => l.LastCompleteReadingAt).ToListAsync(cancellationToken);
        var pending = await db.DataRequests.Where(r => r.Status == RequestStatus.Pending)
            .GroupBy(r => r.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        // Whole days on the utility's wall clock from the end of the newest reading to this midnight, rounded down (1 day
        // 7 h is 1 day; a 23- or 25-hour day is one day); a service with no reading counts as never refreshed.
        var wallNow = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var today = DateOnly.FromDateTime(wallNow);
        var ages = newest.Select(t => t is { } at ? (int)Math.Floor((wallNow - TimeZoneInfo.ConvertTime(at, zone).DateTime).TotalDays)
            : int.MaxValue).Order().ToList();
        foreach (var age in ages)
        {
            stalenessHistogram[age] = stalenessHistogram.GetValueOrDefault(age) + 1;
        }

        var bound = Bound(ages.Count);
        var sample = new MidnightSample(today, ages.Count, ages.Count == 0 ? 0 : ages[^1], Percentile(ages, 0.95), bound,
            pending.GetValueOrDefault(RequestKind.Verify), pending.GetValueOrDefault(RequestKind.Backfill), pending.GetValueOrDefault(RequestKind.Refresh));
        midnights.Add(sample);
        var sentToday = sends.Count - midnights.SkipLast(1).Sum(m => m.SentBefore);
        midnights[^1] = sample with { SentBefore = sentToday };
        progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{today:yyyy-MM-dd} (day {day}): {ages.Count:N0} active, staleness max {sample.Max} p95 {sample.P95} bound {bound} days; " +
            $"sent {sentToday:N0} the day before; waiting: {sample.PendingVerify:N0} verify, {sample.PendingBackfill:N0} backfill, " +
            $"{sample.PendingRefresh:N0} refresh; wall {Format(wall)}"));
    }

    private async Task<SimulationReport> ReportAsync(TimeSpan seeding, TimeSpan simulation, TimeSpan loopCpu, TimeSpan wall, CancellationToken cancellationToken)
    {
        Dictionary<RequestKind, int> pendingAtEnd;
        int linksWithoutData;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            pendingAtEnd = await db.DataRequests.Where(r => r.Status == RequestStatus.Pending).GroupBy(r => r.Kind)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            linksWithoutData = await db.ServiceLinks.CountAsync(l => l.LastCompleteReadingAt == null, cancellationToken);
        }

        var times = sends.Select(s => s.At).Order().ToList();
        var first = firstData.Values.Order().ToList();
        var allAges = stalenessHistogram.OrderBy(p => p.Key).ToList();
        return new SimulationReport
        {
            Settings = settings,
            Database = database.Description,
            Start = Start,
            NightlyCapacity = (int)Capacity.OffPeakSlots,
            NightlyRefreshes = (int)Capacity.NightlyRefreshes,
            SentByKind = sends.GroupBy(s => s.Kind).ToDictionary(g => g.Key, g => g.Count()),
            PendingAtEnd = pendingAtEnd,
            MaxInAnyWindow = SendStatistics.MaxInAnyWindow(times, dispatchOptions.Window),
            PeakHourRefreshes = sends.Count(s => s.Kind == RequestKind.Refresh && IsPeakByHand(s.At)),
            BudgetUse = SendStatistics.BudgetUse(times, backlog.Intervals, dispatchOptions.Window, dispatchOptions.RequestsPerWindow),
            BackloggedTime = backlog.Intervals.Aggregate(TimeSpan.Zero, (sum, i) => sum + (i.To - i.From)),
            Midnights = midnights,
            StalenessMax = midnights.Count == 0 ? 0 : midnights.Max(m => m.Max),
            StalenessP95 = HistogramPercentile(allAges, 0.95),
            MidnightsOverBound = midnights.Count(m => m.Max > m.Bound),
            Bound = midnights.Count == 0 ? 0 : midnights.Max(m => m.Bound),
            Linked = arrivedAt.Count,
            LinkedWithoutData = linksWithoutData,
            FirstDataP50 = Percentile(first, 0.50),
            FirstDataP95 = Percentile(first, 0.95),
            FirstDataMax = first.Count == 0 ? TimeSpan.Zero : first[^1],
            DispatchRuns = dispatchRuns,
            Spent = spent.OrderByDescending(p => p.Value).ToList(),
            IdleRetries = idleRetries,
            Warnings = warnings.Count,
            SeedTime = seeding,
            SimulationTime = simulation,
            SimulationCpu = loopCpu,
            WallTime = wall,
        };
    }

    // Written apart from OffPeakWindow: peak is 06:00 to 18:00 on the utility's wall clock.
    private bool IsPeakByHand(DateTimeOffset at)
    {
        var hour = TimeZoneInfo.ConvertTime(at, zone).Hour;
        return hour is >= 6 and < 18;
    }

    /// <summary>The nearest-rank percentile of a sorted list (the value at or below which that share of items lie).</summary>
    internal static T Percentile<T>(IReadOnlyList<T> sorted, double share) =>
        sorted.Count == 0 ? default! : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static int HistogramPercentile(IReadOnlyList<KeyValuePair<int, long>> sorted, double share)
    {
        var total = sorted.Sum(p => p.Value);
        var rank = (long)Math.Ceiling(share * total);
        long seen = 0;
        foreach (var (value, count) in sorted)
        {
            seen += count;
            if (seen >= rank)
            {
                return value;
            }
        }

        return 0;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    internal static string Format(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s" : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s");

    private sealed record Arrival(DateTimeOffset At, string OwnerId, string ServiceId, string Pin);

    private sealed record SentRequest(int Id, Guid RequestId, RequestKind Kind, int LinkId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd);
}

/// <summary>One request as the utility received it.</summary>
public sealed record Send(DateTimeOffset At, RequestKind Kind, int LinkId);

/// <summary>The state at one local midnight: staleness in local days of the active services' newest readings.</summary>
public sealed record MidnightSample(DateOnly Date, int Active, int Max, int P95, int Bound, int PendingVerify, int PendingBackfill, int PendingRefresh)
{
    /// <summary>Requests the utility received in the day that ended at this midnight.</summary>
    public int SentBefore { get; init; }
}
