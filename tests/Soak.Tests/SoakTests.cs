using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using GbcPortal.Testing;
using Npgsql;

namespace GbcPortal.Soak.Tests;

/// <summary>
/// The fault soak: the standalone simulator with faults on, two portal processes on one PostgreSQL database
/// (started together on an empty server), 22 services linked through the UI of both, and a driver that kills
/// one instance with SIGKILL just after a claim, mid-POST and mid-ingest (restarting it each time) and restarts
/// PostgreSQL once. Everything must end Complete and equal to the simulator's truth, within the rate, with no
/// window accepted twice and the budget used while a backlog existed. The rate is GBC_SOAK_RATE (default 60 a
/// minute, for CI; 6 is the utility's real limit).
/// </summary>
public sealed class SoakTests
{
    private const int Services = 22;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<string> report = [];

    [Fact]
    public async Task Two_instances_killed_at_the_worst_moments_lose_nothing_strand_nothing_and_keep_to_the_rate()
    {
        var rate = int.TryParse(Environment.GetEnvironmentVariable("GBC_SOAK_RATE"), out var configured) ? configured : 60;
        var work = Directory.CreateTempSubdirectory("gbc-soak-").FullName;
        var server = await PostgresServer.GetAsync();
        var database = PostgresServer.NewDatabaseName("soak");
        using var lab = new Lab(work, server, database, rate);
        try
        {
            await RunAsync(lab, rate);
        }
        catch
        {
            Say($"logs kept in {work}");
            throw;
        }
        finally
        {
            lab.Dispose();
            File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "soak-report.txt"), report);
        }

        await server.DropDatabaseAsync(database);
        Directory.Delete(work, recursive: true);
    }

    private async Task RunAsync(Lab lab, int rate)
    {
        Say($"rate {rate}/min on both sides ({Math.Max(3, rate / 8)} sends in flight per dispatcher), {Services} services, faults: 5% 503, 10% duplicate callbacks, 5% lost first deliveries");
        lab.Simulator.Start();
        await lab.Simulator.WaitUntilAnswersAsync(new Uri(lab.AdminUri, "/sim/metrics"), Patience);
        // Both at once on a server where their database does not exist yet.
        lab.PortalA.Start();
        lab.PortalB.Start();
        await Task.WhenAll(lab.PortalA.WaitUntilAnswersAsync(lab.UiA, Patience), lab.PortalB.WaitUntilAnswersAsync(lab.UiB, Patience));
        Say("simulator and both portals up (migrated together on an empty server)");

        var db = lab.Database;
        await db.PauseAsync(true); // so the whole backlog exists at once, and the kills land while it drains
        await using (var customers = await Customers.StartAsync())
        {
            for (var customer = 0; customer * 2 < Services; customer++)
            {
                var portal = customer % 2 == 0 ? lab.UiA : lab.UiB;
                var mine = Enumerable.Range(customer * 2, Math.Min(2, Services - customer * 2)).Select(i => (Lab.ServiceId(i), Lab.Pin(i)));
                await customers.RegisterAndLinkAsync(portal, $"soak-{customer}@example.test", mine);
            }
        }
        Assert.Equal(Services, await db.LinksAsync());
        var requests = await db.RequestsAsync();
        Say($"{Services} services linked through the UI (11 customers, alternately on A and B): {requests} requests planned");

        using var stop = new CancellationTokenSource();
        var samples = new List<(DateTimeOffset At, int Backlog)>();
        var sampler = SampleAsync(db, samples, stop.Token);
        await db.PauseAsync(false);
        var resumedAt = DateTimeOffset.UtcNow;
        Say("dispatch resumed");

        var events = new List<Disruption>();
        events.Add(await KillAsync(lab, StallPoint.AfterClaim, claimed => claimed.Where(c => !c.SendStarted)));
        events.Add(await KillAsync(lab, StallPoint.MidPost, claimed => claimed.Where(c => c.SendStarted)));
        events.Add(await KillAsync(lab, StallPoint.MidIngest, _ => []));
        var restartAt = DateTimeOffset.UtcNow;
        await lab.Server.RestartAsync();
        Say($"PostgreSQL restarted ({(DateTimeOffset.UtcNow - restartAt).TotalSeconds:0.0} s)");

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(3 + 1.5 * requests / rate);
        while (await TryAsync(db.OpenRequestsAsync) != 0 || await TryAsync(db.UnprocessedCallbacksAsync) != 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline,
                $"Not finished in time: {await db.OpenRequestsAsync()} requests open.\nA:\n{lab.PortalA.Tail()}\nB:\n{lab.PortalB.Tail()}");
            await Task.Delay(1000);
        }
        var finishedAt = DateTimeOffset.UtcNow;
        await stop.CancelAsync();
        await sampler;
        foreach (var disruption in events)
            await disruption.Resolved;
        Say($"all {requests} requests Complete {(finishedAt - resumedAt).TotalSeconds:0} s after dispatch resumed");

        await CheckAsync(lab, rate, samples, events, restartAt, resumedAt);
    }

    private async Task CheckAsync(Lab lab, int rate, List<(DateTimeOffset At, int Backlog)> samples, List<Disruption> events, DateTimeOffset restartAt,
        DateTimeOffset resumedAt)
    {
        using var admin = new HttpClient { BaseAddress = lab.AdminUri };
        var arrivals = (await admin.GetFromJsonAsync<List<JsonElement>>("/sim/requests"))!.Select(e => new Arrival(
            DateTimeOffset.FromUnixTimeMilliseconds(e.GetProperty("receivedAtMs").GetInt64()),
            e.GetProperty("requestId").GetString(), e.GetProperty("serviceId").GetString(),
            e.GetProperty("start").ValueKind == JsonValueKind.Null ? null : e.GetProperty("start").GetInt64(),
            e.GetProperty("durationSeconds").ValueKind == JsonValueKind.Null ? null : e.GetProperty("durationSeconds").GetInt64(),
            e.GetProperty("status").GetInt32())).ToList();
        var metrics = await admin.GetFromJsonAsync<JsonElement>("/sim/metrics");

        // Stored totals per flow equal the utility's truth over each link's whole span.
        var mismatches = new List<string>();
        var spans = await lab.Database.LinkSpansAsync();
        foreach (var (linkId, serviceId, from, to) in spans)
        {
            var truth = (await admin.GetFromJsonAsync<JsonElement>($"/sim/accounts/{serviceId}/usage?start={from}&end={to}")).GetProperty("flows")
                .EnumerateObject().ToDictionary(f => int.Parse(f.Name, CultureInfo.InvariantCulture),
                    f => (Readings: f.Value.GetProperty("readings").GetInt64(), Wh: f.Value.GetProperty("wh").GetDouble()));
            var stored = await lab.Database.StoredAsync(linkId);
            foreach (var flow in truth.Keys.Union(stored.Keys))
            {
                var (t, s) = (truth.GetValueOrDefault(flow), stored.GetValueOrDefault(flow));
                if (t.Readings != s.Readings || Math.Abs(t.Wh - s.Wh) > 1e-6 * Math.Max(1, Math.Abs(t.Wh)))
                    mismatches.Add($"{serviceId} flow {flow}: stored {s.Readings} readings {s.Wh} Wh, truth {t.Readings} readings {t.Wh} Wh");
            }
        }

        var twice = SoakFigures.AcceptedTwice(arrivals);
        var most = SoakFigures.MostInAnyWindow(arrivals, Window);
        // One second of allowance: the slot margin (250 ms) and the answer's round trip, after which a slot is reused.
        // Counted from the first request after the resume: the driver resumes dispatch in the database, which each
        // dispatcher notices at its next idle poll (staff resuming on /staff wakes their own instance at once).
        var firstSend = arrivals.Where(a => a.At >= resumedAt).Select(a => a.At).DefaultIfEmpty(resumedAt).Min();
        var (use, counted) = SoakFigures.BudgetUse(arrivals, [.. samples.Where(s => s.At >= firstSend)], rate, Window, TimeSpan.FromSeconds(1));
        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "soak-arrivals.csv"),
            arrivals.Select(a => FormattableString.Invariant($"{a.At.ToUnixTimeMilliseconds()},{a.Status},{a.ServiceId},{a.Start},{a.RequestId}")));
        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "soak-backlog.csv"),
            samples.Select(s => FormattableString.Invariant($"{s.At.ToUnixTimeMilliseconds()},{s.Backlog}")));
        var longest = events.Max(e => e.Stall);
        var afterRestart = arrivals.Where(a => a.At > restartAt).Select(a => a.At - restartAt).DefaultIfEmpty().Min();

        Say($"services Complete: {spans.Count - await lab.Database.IncompleteLinksAsync()} of {spans.Count}; stored totals equal to the truth: {spans.Count * 2 - mismatches.Count} of {spans.Count * 2} link-flows checked");
        Say($"requests at the utility: {arrivals.Count} ({arrivals.Count(a => a.Status == 202)} accepted, {arrivals.Count(a => a.Status == 503)} drawn 503), rateLimited {metrics.GetProperty("rateLimited").GetInt64()}");
        Say($"windows accepted twice: {twice.Count}");
        Say($"most requests in any 60 s: {most} (limit {rate})");
        Say($"budget use while backlogged: {use:P2} (mean share of the limit used in the 61 s (60 s and 1 s for the round trip) before each of {counted} backlogged samples, every {SampleEvery.TotalSeconds} s)");
        foreach (var e in events)
            Say($"kill {e.Point}: {e.Detail}; back in hand after {e.Stall.TotalSeconds:0.0} s; next request at the utility {e.NextSend(arrivals).TotalSeconds:0.0} s after the kill (when the budget had room)");
        Say($"longest stall after a kill: {longest.TotalSeconds:0.0} s; first request after the PostgreSQL restart: {afterRestart.TotalSeconds:0.0} s");

        Assert.Equal(0, await lab.Database.IncompleteLinksAsync());
        Assert.Empty(mismatches);
        Assert.Empty(twice);
        Assert.Equal(0, metrics.GetProperty("rateLimited").GetInt64());
        Assert.InRange(most, 1, rate);
        Assert.True(use >= 0.99, $"budget use while backlogged {use:P2}");
        Assert.True(longest < TimeSpan.FromMinutes(2), $"longest stall {longest}");
    }

    // Holds instance A at the point, kills it there, starts it again; the returned disruption resolves once what it held is back in hand.
    private async Task<Disruption> KillAsync(Lab lab, StallPoint point, Func<List<(int Id, bool SendStarted)>, IEnumerable<(int Id, bool SendStarted)>> stranded)
    {
        var a = lab.PortalA;
        List<(int Id, bool SendStarted)> held = [];
        List<int> callbacks = [];
        var killedAt = DateTimeOffset.MinValue;
        await point.HoldAndKillAsync(lab.ConnectionStringA, Lab.ApplicationA, async () =>
        {
            var pid = a.Pid;
            a.Kill();
            killedAt = DateTimeOffset.UtcNow;
            held = [.. stranded(await lab.Database.ClaimedByAsync(pid))];
            callbacks = await lab.Database.UnprocessedCallbackIdsAsync();
        }, TimeSpan.FromMinutes(5)); // at 6 a minute, A may wait a whole window for a slot
        var detail = held.Count > 0 ? $"request {string.Join(", ", held.Select(h => h.Id))} stranded" : $"{callbacks.Count} callbacks not yet ingested";
        Say($"killed A {point.Name}: {detail}");
        await Task.Delay(TimeSpan.FromSeconds(2));
        a.Start();
        await a.WaitUntilAnswersAsync(lab.UiA, Patience);
        Say("A restarted");
        return new Disruption(point.Name, detail, killedAt, WatchAsync(lab.Database, held, callbacks, killedAt));
    }

    private static async Task<TimeSpan> WatchAsync(SoakDatabase db, List<(int Id, bool SendStarted)> held, List<int> callbacks, DateTimeOffset killedAt)
    {
        while (true)
        {
            var released = true;
            foreach (var (id, _) in held)
                released &= await TryAsync(() => db.ReleasedAsync(id), false);
            if (released && await TryAsync(() => db.ProcessedAsync(callbacks), false))
                return DateTimeOffset.UtcNow - killedAt;
            await Task.Delay(250);
        }
    }

    private static async Task SampleAsync(SoakDatabase db, List<(DateTimeOffset, int)> samples, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var at = DateTimeOffset.UtcNow;
            try
            {
                samples.Add((at, (int)await db.BacklogAsync()));
            }
            catch (NpgsqlException)
            {
                // The server restarting: no sample, so that stretch is left out.
            }
            try
            {
                await Task.Delay(SampleEvery, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<T> TryAsync<T>(Func<Task<T>> read, T otherwise = default!)
    {
        try
        {
            return await read();
        }
        catch (NpgsqlException)
        {
            return otherwise; // the server restarting
        }
    }

    private static async Task<long> TryAsync(Func<Task<long>> read) => await TryAsync(read, -1L);

    private void Say(string line)
    {
        var text = $"{clock.Elapsed.TotalSeconds,6:0.0} s  {line}";
        report.Add(text);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        Console.WriteLine(text);
    }

    private sealed record Disruption(string Point, string Detail, DateTimeOffset KilledAt, Task<TimeSpan> Resolved)
    {
        public TimeSpan Stall => Resolved.Result;

        public TimeSpan NextSend(IEnumerable<Arrival> arrivals) => arrivals.Where(a => a.At > KilledAt).Select(a => a.At - KilledAt).DefaultIfEmpty().Min();
    }
}
