
using System.Net.Http.Json;
using System.Text.Json;
using GbcPortal.Core.Ingest;
using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Portal.Hosting;
using GbcPortal.Portal.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GbcPortal.Pipeline.Tests;

/// <summary>
/// The whole pipeline against the real simulator in-process over mutual TLS, with its faults on:
/// 503s, duplicate and lost first callbacks, asynchronous failures, a PIN changed mid-backfill and
/// an ingest that dies half-way. At the end every link holds exactly the simulator's truth.
/// </summary>
public sealed class EndToEndTests
{
    private const string SolarId = "2000000001", HourlyId = "2000000002", MilliId = "2000000004";
    private const string WrongPinId = "2000000005", InactiveId = "2000000003";

    // On PostgreSQL the portal keeps EF Core and Hangfire in one database of the test's own.
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Every_link_ends_with_the_simulators_true_totals_despite_the_faults(DatabaseProvider provider)
    {
        await using var database = await PortalFactoryDatabase.CreateAsync(provider);
        var crash = new CrashOnce(afterCalls: 3);
        await using var portal = new PortalFactory(database.With(Settings()), services => services.AddSingleton<IIngestProbe>(crash));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Log(string what) => TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
        portal.StartServer();
        Log("portal and simulator started");
        var cancel = TestContext.Current.CancellationToken;
        var admin = new HttpClient { BaseAddress = portal.Services.GetRequiredService<InProcessSimulator>().Handle!.AdminUri };
        var dispatch = portal.Services.GetRequiredService<DispatchControlService>();
        var kick = portal.Services.GetRequiredService<DispatchScheduler>();
        var links = portal.Services.GetRequiredService<LinkService>();
        var owner = await CustomerAsync(portal);

        // Hold dispatch while linking, so the PIN change below lands between the Verify and the backfill.
        await dispatch.PauseAsync(cancel);
        var solar = await LinkAsync(links, owner, SolarId, "1111");
        var hourly = await LinkAsync(links, owner, HourlyId, "2222");
        var milli = await LinkAsync(links, owner, MilliId, "4444");
        var wrongPin = await LinkAsync(links, owner, WrongPinId, "0000");
        var inactive = await LinkAsync(links, owner, InactiveId, "3333");
        await dispatch.ResumeAsync(cancel);
        kick.RunNow(); // what the staff page's Resume does too: resuming alone changes no request
        Log("five links made");

        // PIN change mid-backfill: once the solar link's Verify is in, the customer changes the PIN at the utility.
        await WaitForAsync(portal, db => db.DataRequests.AnyAsync(r => r.LinkId == solar && r.Kind == RequestKind.Verify
            && r.Status == RequestStatus.Complete), "the solar Verify completes", TimeSpan.FromSeconds(60));
        await dispatch.PauseAsync(cancel);
        await using (var before = await portal.Databases.CreateDbContextAsync(cancel))
            Assert.True(await before.DataRequests.AnyAsync(r => r.LinkId == solar && r.Status == RequestStatus.Pending, cancel),
                "part of the solar backfill is still to be sent");
        (await admin.PutAsJsonAsync($"/sim/accounts/{SolarId}/pin", new { pin = "9999" }, cancel)).EnsureSuccessStatusCode();
        await dispatch.ResumeAsync(cancel);
        kick.RunNow();
        Log("solar Verify complete; PIN changed at the utility");
        await WaitForAsync(portal, db => db.ServiceLinks.AnyAsync(l => l.Id == solar && l.Status == LinkStatus.AccessRevoked),
            "the solar link is revoked", TimeSpan.FromSeconds(60));
        // … and gives the portal the new PIN, which re-queues what waited for it.
        Assert.True((await links.UpdatePinAsync(owner, solar, "9999", cancel)).Succeeded);
        Log("solar revoked; new PIN given");

        try
        {
            await WaitForAsync(portal, async db => await db.DataRequests.Where(r => r.LinkId == solar || r.LinkId == hourly || r.LinkId == milli)
                .AllAsync(r => r.Status == RequestStatus.Complete), "every request of the good links completes", TimeSpan.FromSeconds(120));
        }
        finally
        {
            await using var state = await portal.Databases.CreateDbContextAsync(cancel);
            foreach (var r in await state.DataRequests.Include(r => r.Link).OrderBy(r => r.Id).ToListAsync(cancel))
                Log($"request {r.Id} link {r.Link!.ServiceId} {r.Link.Status} {r.Kind} {r.Status} attempts {r.Attempts} {r.OutcomeReason}");
            foreach (var c in await state.CallbackInbox.Select(c => new { c.Id, c.DataRequestId, c.State, c.Problem, c.Detail }).ToListAsync(cancel))
                Log($"callback {c.Id} request {c.DataRequestId} {c.State} {c.Problem} {c.Detail}");
        }

        Log("every request complete");
        await using var db = await portal.Databases.CreateDbContextAsync(cancel);
        Log($"{await db.DataRequests.CountAsync(cancel)} requests, {await db.CallbackInbox.CountAsync(cancel)} callbacks stored, "
            + $"{await db.Readings.CountAsync(cancel)} readings; simulator {await admin.GetStringAsync("/sim/metrics", cancel)}");
        Assert.Equal(LinkStatus.PinNotAccepted, (await db.ServiceLinks.SingleAsync(l => l.Id == wrongPin, cancel)).Status);
        Assert.Equal(LinkStatus.Inactive, (await db.ServiceLinks.SingleAsync(l => l.Id == inactive, cancel)).Status);
        Assert.True(crash.Crashed, "an ingest died half-way and was run again");
        foreach (var (linkId, serviceId) in new[] { (solar, SolarId), (hourly, HourlyId), (milli, MilliId) })
            await AssertMatchesTruthAsync(db, admin, linkId, serviceId);
        var metrics = await admin.GetFromJsonAsync<JsonElement>("/sim/metrics", cancel);
        Assert.Equal(0, metrics.GetProperty("rateLimited").GetInt32());
        Assert.True(metrics.GetProperty("callbackRetries").GetInt32() > 0, "lost first deliveries were retried");
    }

    private static async Task AssertMatchesTruthAsync(PortalDbContext db, HttpClient admin, int linkId, string serviceId)
    {
        var link = await db.ServiceLinks.AsNoTracking().SingleAsync(l => l.Id == linkId);
        Assert.Equal(LinkStatus.Active, link.Status);
        var (start, end) = (link.CoveredFrom!.Value.ToUnixTimeSeconds(), link.CoveredTo!.Value.ToUnixTimeSeconds());
        var truth = await admin.GetFromJsonAsync<JsonElement>($"/sim/accounts/{serviceId}/usage?start={start}&end={end}");
        var readings = await db.Readings.AsNoTracking().Where(r => r.LinkId == linkId).ToListAsync();

        var flows = truth.GetProperty("flows").EnumerateObject().ToList();
        Assert.NotEmpty(flows);
        Assert.Equal(flows.Select(f => int.Parse(f.Name)).Order(), readings.Select(r => r.FlowDirection).Distinct().Order());
        foreach (var flow in flows)
        {
            var stored = readings.Where(r => r.FlowDirection == int.Parse(flow.Name)).OrderBy(r => r.Start).ToList();
            var expectedCount = flow.Value.GetProperty("readings").GetInt32();
            var expectedWh = flow.Value.GetProperty("wh").GetDouble();
            Assert.Equal(expectedCount, stored.Count);
            Assert.Equal(expectedWh, stored.Sum(r => r.ValueWh), Math.Max(1e-6, Math.Abs(expectedWh) * 1e-9));
            // No missing interval: consecutive readings touch end to start.
            Assert.All(stored.Zip(stored.Skip(1)), pair => Assert.Equal(pair.First.Start + pair.First.DurationSeconds, pair.Second.Start));
        }
    }

    private static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Utility:Mode"] = "Simulated",
            ["Utility:BaseUrl"] = null,
            ["Jobs:RegisterRecurringJobs"] = "true",
            ["Simulator:ApiUrl"] = "https://127.0.0.1:0",
            ["Simulator:AdminUrl"] = "http://127.0.0.1:0",
            ["Simulator:Seed"] = "20261126",
            ["Simulator:Faults:delaySeconds:min"] = "0.2",
            ["Simulator:Faults:delaySeconds:max"] = "1.5",
            // A lost first delivery comes with the simulator's first retry: seconds here, not minutes.
            ["Simulator:RetryDelays:0"] = "00:00:01",
            ["Simulator:RetryDelays:1"] = "00:00:02",
            ["Simulator:RetryDelays:2"] = "00:00:03",
            ["Simulator:RetryDelays:3"] = "00:00:05",
            ["Simulator:Faults:transient503Share"] = "0.15",
            ["Simulator:Faults:duplicateCallbackShare"] = "0.3",
            ["Simulator:Faults:lostFirstDeliveryShare"] = "0.25",
            ["Simulator:Faults:asyncRejectionShare"] = "0.15",
            ["Simulator:Faults:requestsPerMinute"] = "600",
            // The limit is the portal's to keep: 3 sends per 2 s here, well under the simulator's 600/min.
            ["Dispatch:RequestsPerWindow"] = "3",
            ["Dispatch:WindowSeconds"] = "2",
            ["Dispatch:BaseBackoffSeconds"] = "1",
            ["Dispatch:MaxBackoffSeconds"] = "2",
            ["Dispatch:MaxAttempts"] = "20",
            ["Planning:HistoryMonths"] = "1",
            ["Planning:MaxWindowDays"] = "7",
        };
        string[][] accounts =
        [
            [SolarId, "1111", "900", "true", "true", "-3"],
            [HourlyId, "2222", "3600", "false", "true", "0"],
            [InactiveId, "3333", "900", "false", "false", "0"],
            [MilliId, "4444", "900", "false", "true", "-3"],
            [WrongPinId, "5555", "900", "false", "true", "0"],
        ];
        for (var i = 0; i < accounts.Length; i++)
        {
            var a = accounts[i];
            settings[$"Simulator:Accounts:{i}:ServiceId"] = a[0];
            settings[$"Simulator:Accounts:{i}:Pin"] = a[1];
            settings[$"Simulator:Accounts:{i}:IntervalSeconds"] = a[2];
            settings[$"Simulator:Accounts:{i}:Solar"] = a[3];
            settings[$"Simulator:Accounts:{i}:Active"] = a[4];
            settings[$"Simulator:Accounts:{i}:PowerOfTenMultiplier"] = a[5];
        }
        return settings;
    }

    private static async Task<string> CustomerAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = "e2e@example.test", Email = "e2e@example.test", EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "Customer-Test-2026!")).Succeeded);
        return user.Id;
    }

    private static async Task<int> LinkAsync(LinkService links, string owner, string serviceId, string pin)
    {
        var result = await links.LinkAsync(owner, serviceId, pin);
        Assert.True(result.Succeeded, result.Error);
        return result.LinkId!.Value;
    }

    private static async Task WaitForAsync(PortalFactory portal, Func<PortalDbContext, Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var done = await TestData.EventuallyAsync(async () =>
        {
            await using var db = await portal.Databases.CreateDbContextAsync();
            return await condition(db);
        }, ok => ok, timeout ?? TimeSpan.FromSeconds(30));
        Assert.True(done, $"Timed out waiting until {what}.");
    }

    /// <summary>The <c>afterCalls</c>-th ingest dies after writing its readings, before committing (once).</summary>
    private sealed class CrashOnce(int afterCalls) : IIngestProbe
    {
        private int _calls;

        public bool Crashed { get; private set; }

        public void ReadingsWritten(int inboxId, int readings)
        {
            if (Interlocked.Increment(ref _calls) != afterCalls)
                return;
            Crashed = true;
            throw new IOException("simulated crash half-way through an ingest");
        }
    }
}
