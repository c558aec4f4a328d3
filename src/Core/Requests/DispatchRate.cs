using GbcPortal.Core.Audit;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Requests;

/// <summary>
/// The utility's limit in force: what staff set on /staff (stored on the <see cref="DispatchControl"/> row, so every
/// instance sees it on its next budget take), else the configured <see cref="DispatchOptions.RequestsPerWindow"/>.
/// </summary>
public sealed class DispatchRate(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time, IOptions<DispatchOptions> options)
{
    public const int MinRequestsPerWindow = 1;

    public const int MaxRequestsPerWindow = 10_000;

    /// <summary>The configured default, in force until staff set another.</summary>
    public int Configured => options.Value.RequestsPerWindow;

    public async Task<int> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ReadAsync(db, options.Value, cancellationToken);
    }

    /// <summary>The rate in force as seen by <paramref name="db"/> (inside the caller's transaction, if any).</summary>
    internal static async Task<int> ReadAsync(PortalDbContext db, DispatchOptions settings, CancellationToken cancellationToken) =>
        await db.DispatchControl.Select(c => c.RequestsPerWindow).SingleOrDefaultAsync(cancellationToken) ?? settings.RequestsPerWindow;

    /// <summary>
    /// Sets the rate in force (<paramref name="requestsPerWindow"/> sends per window; null goes back to the configured
    /// one) and audits the change in the same transaction. A rate outside 1–10,000 is refused with a sentence.
    /// </summary>
    public async Task<DispatchRateChange> SetAsync(int? requestsPerWindow, string staffUserId, string? ip, CancellationToken cancellationToken = default)
    {
        if (requestsPerWindow is < MinRequestsPerWindow or > MaxRequestsPerWindow)
        {
            return new DispatchRateChange(false, Configured, $"The rate must be a whole number from {MinRequestsPerWindow} to {MaxRequestsPerWindow:N0}.");
        }

        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var control = await db.DispatchControl.SingleAsync(cancellationToken);
            var before = control.RequestsPerWindow ?? settings.RequestsPerWindow;
            var after = requestsPerWindow ?? settings.RequestsPerWindow;
            control.RequestsPerWindow = requestsPerWindow;
            AuditLog.Add(db, time.GetUtcNow(), AuditAction.RateLimitChanged, staffUserId, null, null, ip,
                $"{before} → {after} requests per {settings.WindowSeconds} s{(requestsPerWindow is null ? " (the configured default)" : "")}.");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new DispatchRateChange(true, after, null);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // A dispatcher set a hold meanwhile; apply the staff change on top of it.
            }
        }
    }
}

/// <summary>What <see cref="DispatchRate.SetAsync"/> did: the rate now in force, or why nothing changed.</summary>
public sealed record DispatchRateChange(bool Saved, int RequestsPerWindow, string? Error);
