using System.Data.Common;
using GbcPortal.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// The utility's rate limit as a budget shared by every worker of every portal instance: a table of
/// send slots, taken under a database-wide write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: a
/// transaction-scoped advisory lock) after counting the slots of the last window. No window of
/// <see cref="DispatchOptions.WindowSeconds"/> ever holds more than the rate in force (<see cref="DispatchRate"/>: staff's
/// setting on the <see cref="DispatchControl"/> row, else <see cref="DispatchOptions.RequestsPerWindow"/>), read under
/// the same lock at every take, so a change staff make reaches every instance with its next take.
/// </summary>
public sealed class RateBudget(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time, IOptions<DispatchOptions> options)
{
    // Any constant works; it only has to be the same in every instance.
    private const long AdvisoryLockKey = 0x6762_6350_6f72_7461;

    private readonly DispatchOptions settings = options.Value;

    // Waiting for SQLite's write lock blocks a thread; queueing this process's takers here first keeps
    // that to one thread per process, so the lock holder's continuations are never starved of threads.
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>
    /// Takes up to <paramref name="max"/> slots, as many as the window has room for and <paramref name="claim"/> claims
    /// requests for (it is told how many it may claim). The claim runs in the same transaction, under the same lock, so
    /// what it marks is sent by this caller only. When it claims nothing, nothing is taken and its changes are rolled
    /// back. While dispatch is paused by staff or held (a 429, an outage) nothing is taken: <see cref="BudgetTakeKind.Halted"/>.
    /// </summary>
    public async Task<BudgetTake> TryTakeAsync(int max, BudgetClaim claim, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await TakeLockedAsync(max, claim, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<BudgetTake> TakeLockedAsync(int max, BudgetClaim claim, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await BeginLockedAsync(db, cancellationToken);

        // Read the clock after the lock is held: a slot is stamped no earlier than any slot before it.
        var now = time.GetUtcNow();
        var control = await ControlQuery.For(db)(db, cancellationToken);
        if (control is { Paused: true })
        {
            return new BudgetTake(BudgetTakeKind.Halted, [], now, null, control.PauseReason ?? DispatchReason.PausedByStaff);
        }

        if (control?.HoldUntil > now)
        {
            return new BudgetTake(BudgetTakeKind.Halted, [], now, control.HoldUntil);
        }

        var limit = control?.RequestsPerWindow ?? settings.RequestsPerWindow;
        var windowStart = now - settings.WindowWithMargin;
        var recent = new List<DateTimeOffset>(limit);
        await foreach (var takenAt in RecentQuery.For(db)(db, windowStart, limit).WithCancellation(cancellationToken))
        {
            recent.Add(takenAt);
        }

        var room = Math.Min(max, limit - recent.Count);
        if (room <= 0)
        {
            return new BudgetTake(BudgetTakeKind.Exhausted, [], now, NextFree(recent, now, limit));
        }

        var requests = await claim(db, now, room, cancellationToken);
        if (requests.Count == 0)
        {
            return new BudgetTake(BudgetTakeKind.NoWork, [], now, now);
        }

        if (requests.Count > room)
        {
            throw new InvalidOperationException($"The claim took {requests.Count} requests for {room} slots.");
        }

        AddSlots(db, now, requests);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new BudgetTake(BudgetTakeKind.Taken, requests, now, NextFree([.. Enumerable.Repeat(now, requests.Count), .. recent], now, limit));
    }

    // Compiled once, as the claim's reads are (DispatchClaims): every take runs them.
    private static readonly PerModel<Func<PortalDbContext, CancellationToken, Task<ControlRow?>>> ControlQuery =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, CancellationToken _) => db.DispatchControl
            .Select(c => new ControlRow(c.Paused, c.PauseReason, c.HoldUntil, c.RequestsPerWindow)).SingleOrDefault()));

    private static readonly PerModel<Func<PortalDbContext, DateTimeOffset, int, IAsyncEnumerable<DateTimeOffset>>> RecentQuery =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, DateTimeOffset windowStart, int limit) => db.RateSlots
            .Where(s => s.TakenAt > windowStart && s.ReturnedAt == null).OrderByDescending(s => s.TakenAt).Select(s => s.TakenAt).Take(limit)));

    // One slot per claimed request, stamped with the take's instant (restamped at the POST and at the answer); it carries
    // the request's kind and account so the staff traffic panel reads the slots alone.
    private static void AddSlots(PortalDbContext db, DateTimeOffset now, IReadOnlyList<DataRequest> requests) =>
        db.RateSlots.AddRange(requests.Select(request =>
            new RateSlot { TakenAt = now, DataRequestId = request.Id, Kind = request.Kind, OwnerId = request.Link?.OwnerId }));

    /// <summary>Slots used in the current window and since <paramref name="since"/>, and when the next one frees up.</summary>
    public async Task<BudgetStatus> GetStatusAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var limit = await DispatchRate.ReadAsync(db, settings, cancellationToken);
        var windowStart = now - settings.WindowWithMargin;
        var inWindow = await db.RateSlots.Where(s => s.TakenAt > windowStart && s.ReturnedAt == null).OrderByDescending(s => s.TakenAt)
            .Select(s => s.TakenAt).ToListAsync(cancellationToken);
        var sinceCount = await db.RateSlots.CountAsync(s => s.TakenAt > since && s.ReturnedAt == null, cancellationToken);
        var returned = await db.RateSlots.CountAsync(s => s.TakenAt > since && s.ReturnedAt != null, cancellationToken);
        return new BudgetStatus(inWindow.Count, limit, sinceCount, NextFree(inWindow, now, limit), returned);
    }

    /// <summary>
    /// Moves the stamp of a request's slot to now, when its answer came: the utility received the request at
    /// some moment before that, so a window counted from the answer can never hold more arrivals than the limit,
    /// however long the network or a busy machine took. The stamp only ever moves later.
    /// </summary>
    public static Task StampAnsweredAsync(PortalDbContext db, int dataRequestId, DateTimeOffset now, CancellationToken cancellationToken) =>
        NewestOf(db, dataRequestId).Where(s => s.TakenAt < now).ExecuteUpdateAsync(s => s.SetProperty(r => r.TakenAt, now), cancellationToken);

    /// <summary>
    /// Moves the stamp of the slot taken at <paramref name="claimedAt"/> to <paramref name="now"/>, the POST's start (in the
    /// caller's transaction), so the window counts from the send and the margin only has to cover the network.
    /// </summary>
    public static Task StampSendingAsync(PortalDbContext db, int dataRequestId, DateTimeOffset claimedAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RateSlots.Where(s => s.DataRequestId == dataRequestId && s.ReturnedAt == null && s.TakenAt == claimedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.TakenAt, now), cancellationToken);

    /// <summary>
    /// Gives back the slot taken for a request that never left (the POST was never begun): the utility did not
    /// see it, so it stops counting against the window. The row stays, stamped, so staff see how many there were.
    /// </summary>
    public async Task<bool> ReturnAsync(int dataRequestId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await NewestOf(db, dataRequestId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReturnedAt, now), cancellationToken) == 1;
    }

    // A request's newest slot still counting: the one its current claim took (older ones belong to earlier sends).
    private static IQueryable<RateSlot> NewestOf(PortalDbContext db, int dataRequestId) =>
        db.RateSlots.Where(s => s.ReturnedAt == null && s.Id == db.RateSlots
            .Where(o => o.DataRequestId == dataRequestId && o.ReturnedAt == null)
            .OrderByDescending(o => o.TakenAt).ThenByDescending(o => o.Id).Select(o => o.Id).FirstOrDefault());

    /// <summary>Deletes slots older than <paramref name="olderThan"/> (they only matter for staff figures).</summary>
    public async Task<int> PurgeAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow() - olderThan;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RateSlots.Where(s => s.TakenAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    // The oldest of the newest N slots leaves the window first (after a lowered rate there may be more than N).
    private DateTimeOffset NextFree(IReadOnlyList<DateTimeOffset> newestFirst, DateTimeOffset now, int limit) =>
        newestFirst.Count >= limit ? newestFirst[limit - 1] + settings.WindowWithMargin : now;

    private static async Task<LockedTransaction> BeginLockedAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // BEGIN IMMEDIATE takes the file's write lock now, so two processes cannot both count and insert.
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            DbTransaction immediate = connection.BeginTransaction(deferred: false);
            var enlisted = await db.Database.UseTransactionAsync(immediate, cancellationToken)
                ?? throw new InvalidOperationException("Could not enlist the SQLite transaction.");
            return new LockedTransaction(enlisted, immediate);
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey});", cancellationToken);
        return new LockedTransaction(transaction, null);
    }

    private sealed record ControlRow(bool Paused, DispatchReason? PauseReason, DateTimeOffset? HoldUntil, int? RequestsPerWindow);

    // EF does not own a transaction it was handed, so the raw one is disposed (rolled back unless committed) here.
    private sealed class LockedTransaction(IDbContextTransaction transaction, DbTransaction? raw) : IAsyncDisposable
    {
        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            if (raw is not null)
            {
                await raw.DisposeAsync();
            }
        }
    }
}
