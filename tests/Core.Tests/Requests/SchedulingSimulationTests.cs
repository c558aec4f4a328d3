using System.Data.Common;
using System.Diagnostics;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using GbcPortal.Core.Tests.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace GbcPortal.Core.Tests.Requests;

/// <summary>
/// Issue 4's scheduling figures: thousands of new links with 13 months of history each, plus active
/// links due a refresh, dispatched in virtual time by one or two "servers" sharing one SQLite file or PostgreSQL database,
/// against a utility that accepts everything and completes it at once.
/// </summary>
public sealed class SchedulingSimulationTests
{
    private const int Limit = 6;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 1, 2000, 300)]
    [InlineData(DatabaseProvider.Sqlite, 2, 600, 100)]
    [InlineData(DatabaseProvider.Postgres, 2, 150, 30)] // two instances sharing one PostgreSQL database
    public async Task Backlog_DrainsWithinTheLimit_RefreshOnlyOffPeak_BudgetFullyUsed(
        DatabaseProvider provider, int servers, int newLinks, int refreshLinks)
    {
        await using var database = await TempDatabase.CreateAsync(provider);
        var time = Pipeline.ClockAt("2025-11-26T18:00:00Z"); // 10:00 PST: peak hours
        var utility = new ScriptedUtilityClient(time);
        var keys = new EphemeralDataProtectionProvider();
        var pipelines = Enumerable.Range(0, servers)
            .Select(i => new Pipeline(i == 0 ? database.Factory : database.CreateOtherFactory(), time, utility, keys))
            .ToList();
        var expected = await SeedAsync(database, pipelines[0], time, newLinks, refreshLinks);

        var steps = await RunUntilIdleAsync(database, pipelines, time);

        var sent = utility.Sent.ToList();
        var kinds = await KindsByRequestIdAsync(database);
        Assert.Equal(expected, sent.Count);
        Assert.Equal(expected, sent.Select(s => s.Submission.RequestId).Distinct().Count());

        var times = sent.Select(s => s.At).Order().ToList();
        Assert.True(MaxInAnyWindow(times) <= Limit, $"{MaxInAnyWindow(times)} sends in one 60-second window");

        var refreshes = sent.Where(s => kinds[Guid.Parse(s.Submission.RequestId)].Kind == RequestKind.Refresh).ToList();
        Assert.Equal(refreshLinks, refreshes.Count);
        Assert.All(refreshes, s => Assert.True(IsOffPeakByHand(s.At), $"refresh sent at {s.At:O}"));

        // Every link's Verify first, then everyone's newest backfill chunk, then the next older one; off-peak the
        // refreshes (spread through the night) take their turns between them (issue 14's split).
        var priorities = sent.OrderBy(s => s.At).Select(s => kinds[Guid.Parse(s.Submission.RequestId)])
            .Where(r => r.Kind != RequestKind.Refresh).Select(r => r.Priority).ToList();
        Assert.Equal(priorities.Order(), priorities);

        // While the Verify/Backfill backlog lasted, the budget was full nearly all the time.
        var backlogEnd = sent.Where(s => kinds[Guid.Parse(s.Submission.RequestId)].Kind != RequestKind.Refresh).Max(s => s.At);
        var backlog = times.Where(t => t <= backlogEnd).ToList();
        var fullShare = ShareOfTimeAtLimit(backlog, backlog[0] + Window, backlogEnd);
        var rateShare = backlog.Count / (Limit * (backlogEnd - backlog[0]).TotalMinutes + Limit);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{servers} server(s): {expected} requests in {steps} dispatch steps; backlog {backlog.Count} sends over {backlogEnd - backlog[0]}; " +
            $"budget full {fullShare:P2} of the time, {rateShare:P2} of the budget sent; max {MaxInAnyWindow(times)} in any 60 s; " +
            $"refreshes {refreshes.Min(s => s.At):O} to {refreshes.Max(s => s.At):O}");
        Assert.True(fullShare >= 0.99, $"budget full {fullShare:P2} of the backlog time");
        Assert.True(rateShare >= 0.99, $"sent {rateShare:P2} of the budget");
        Assert.InRange(steps, expected / Limit, expected / Limit * 2 + 20);
    }

    // Rows go in through one prepared statement each (EF would track 10,000 entities); column values
    // follow the model: instants as UTC ticks, enums as integers, GUIDs as upper-case text on SQLite.
    private static async Task<int> SeedAsync(TempDatabase database, Pipeline pipeline, FakeTimeProvider time, int newLinks, int refreshLinks)
    {
        var now = time.GetUtcNow();
        var owner = await database.AddUserAsync("many@example.com");
        var plan = pipeline.Planner.PlanNewLink(now);
        var pin = pipeline.Pins.Protect("4821");
        var sqlite = database.Provider == DatabaseProvider.Sqlite;
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync();
            var link = Command(connection, transaction,
                "INSERT INTO \"ServiceLinks\" (\"OwnerId\", \"ServiceId\", \"ProtectedPin\", \"Status\", \"NeedsReview\", \"TimeZoneId\", " +
                "\"LastCompleteReadingAt\", \"CreatedAt\", \"StatusChangedAt\", \"Version\") " +
                "VALUES (@owner, @service, @pin, @status, @review, 'America/Los_Angeles', @last, @now, @now, 0) RETURNING \"Id\"");
            var request = Command(connection, transaction,
                "INSERT INTO \"DataRequests\" (\"LinkId\", \"RequestId\", \"WindowStart\", \"WindowEnd\", \"Kind\", \"Priority\", \"Status\", " +
                "\"Attempts\", \"NotBefore\", \"CreatedAt\", \"StatusChangedAt\", \"Version\") " +
                "VALUES (@link, @guid, @start, @end, @kind, @priority, 0, 0, @now, @now, @now, 0)");
            for (var i = 1; i <= newLinks + refreshLinks; i++)
            {
                var active = i > newLinks;
                Set(link, ("@owner", owner), ("@service", (4_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("@pin", pin), ("@status", (int)(active ? LinkStatus.Active : LinkStatus.Pending)), ("@review", false),
                    ("@last", active ? now.AddDays(-1).UtcTicks : DBNull.Value), ("@now", now.UtcTicks));
                var id = Convert.ToInt32(await link.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
                foreach (var window in active ? [] : plan)
                {
                    var guid = Guid.NewGuid();
                    Set(request, ("@link", id), ("@guid", sqlite ? guid.ToString().ToUpperInvariant() : guid), ("@start", window.Start.UtcTicks),
                        ("@end", window.End.UtcTicks), ("@kind", (int)window.Kind), ("@priority", window.Priority), ("@now", now.UtcTicks));
                    await request.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
        }

        var refreshes = await pipeline.Planner.PlanRefreshesAsync();
        Assert.Equal(refreshLinks, refreshes);
        return newLinks * plan.Count + refreshLinks;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Set(DbCommand command, params (string Name, object Value)[] values)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>Runs every server's dispatch at each instant any of them asked for, completing what was sent.</summary>
    private static async Task<int> RunUntilIdleAsync(TempDatabase database, List<Pipeline> pipelines, FakeTimeProvider time)
    {
        var steps = 0;
        var watch = Stopwatch.StartNew();
        // A guard against a dispatcher that never drains, not a speed test: the night's refreshes are spread to its
        // end, and a loaded shared machine runs the thousand-odd steps slowly.
        while (watch.Elapsed < TimeSpan.FromMinutes(8))
        {
            steps++;
            var results = await Task.WhenAll(pipelines.Select(p => Task.Run(() => p.Dispatcher.DispatchAsync())));

            // The fake utility completes at once: every Submitted request is Complete before time moves on.
            await using (var db = await database.Factory.CreateDbContextAsync())
            {
                await db.DataRequests.Where(r => r.Status == RequestStatus.Submitted)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RequestStatus.Complete));
            }

            var next = results.Where(r => r.NextRunAt is not null).Select(r => r.NextRunAt!.Value).DefaultIfEmpty().Min();
            if (results.All(r => r.NextRunAt is null))
            {
                return steps;
            }

            Assert.True(next > time.GetUtcNow() || results.Any(r => r.Sent > 0), $"dispatch spins at {time.GetUtcNow():O}");
            if (next > time.GetUtcNow())
            {
                time.SetUtcNow(next);
            }
        }

        Assert.Fail($"not drained after {steps} steps; virtual time {time.GetUtcNow():O}");
        return steps;
    }

    private static async Task<Dictionary<Guid, (RequestKind Kind, int Priority)>> KindsByRequestIdAsync(TempDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.DataRequests.ToDictionaryAsync(r => r.RequestId, r => (r.Kind, r.Priority));
    }

    // Written apart from OffPeakWindow: the local hour in Los Angeles is 18-23 or 0-5.
    private static bool IsOffPeakByHand(DateTimeOffset utc)
    {
        var hour = TimeZoneInfo.ConvertTime(utc, Pacific).Hour;
        return hour >= 18 || hour < 6;
    }

    /// <summary>The most sends in any closed 60-second interval [t - 60 s, t].</summary>
    private static int MaxInAnyWindow(List<DateTimeOffset> sorted)
    {
        var (max, first) = (0, 0);
        for (var last = 0; last < sorted.Count; last++)
        {
            while (sorted[first] < sorted[last] - Window)
            {
                first++;
            }

            max = Math.Max(max, last - first + 1);
        }

        return max;
    }

    /// <summary>Share of the instants t in [from, to] at which (t - 60 s, t] held the limit.</summary>
    private static double ShareOfTimeAtLimit(List<DateTimeOffset> sorted, DateTimeOffset from, DateTimeOffset to)
    {
        var edges = sorted.SelectMany(t => new[] { t, t + Window }).Append(from).Append(to)
            .Where(t => t >= from && t <= to).Distinct().Order().ToList();
        var full = TimeSpan.Zero;
        for (var i = 1; i < edges.Count; i++)
        {
            var mid = edges[i - 1] + ((edges[i] - edges[i - 1]) / 2);
            var count = UpperBound(sorted, mid) - UpperBound(sorted, mid - Window);
            if (count >= Limit)
            {
                full += edges[i] - edges[i - 1];
            }
        }

        return full / (to - from);
    }

    /// <summary>How many of the sorted instants are at or before <paramref name="t"/>.</summary>
    private static int UpperBound(List<DateTimeOffset> sorted, DateTimeOffset t)
    {
        var (lo, hi) = (0, sorted.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = sorted[mid] <= t ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }
}
