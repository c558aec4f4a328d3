using GbcPortal.Core.Audit;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Linking;

/// <summary>Staff's view of the guessing holds (list, lift) and of each account's link limit.</summary>
public sealed class LinkSupervision(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<HoldRow>> ActiveHoldsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var holds = await db.LinkHolds.AsNoTracking().Where(h => h.LiftedAt == null && h.Until > now)
            .OrderByDescending(h => h.PlacedAt).Take(100).ToListAsync(cancellationToken);
        var owners = holds.Select(h => h.OwnerId).OfType<string>().Distinct().ToList();
        var emails = await db.Users.Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        return holds.Select(h => new HoldRow(h.Id, h.Scope, h.ServiceId, h.OwnerId,
            h.OwnerId is not null && emails.TryGetValue(h.OwnerId, out var email) ? email : null, h.Refusals, h.PlacedAt, h.Until)).ToList();
    }

    /// <summary>Lifts a hold now: the refusals before it no longer count. False when it is not active.</summary>
    public async Task<bool> LiftAsync(int holdId, string staffUserId, string? ip, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hold = await db.LinkHolds.SingleOrDefaultAsync(h => h.Id == holdId, cancellationToken);
        if (hold?.IsActive(now) != true)
        {
            return false;
        }

        hold.LiftedAt = now;
        hold.LiftedByUserId = staffUserId;
        AuditLog.Add(db, now, AuditAction.HoldLifted, staffUserId, hold.OwnerId, hold.ServiceId, ip, $"{hold.Scope} hold {hold.Id} lifted.");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Sets an account's limit of live links (null: the default). False when no account has that email.</summary>
    public async Task<bool> SetLinkLimitAsync(string email, int? limit, string staffUserId, string? ip, CancellationToken cancellationToken = default)
    {
        var normalized = email.Trim().ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
        {
            return false;
        }

        user.MaxLiveLinks = limit;
        AuditLog.Add(db, time.GetUtcNow(), AuditAction.LinkLimitChanged, staffUserId, user.Id, null, ip,
            limit is { } n ? $"Live link limit set to {n}." : "Live link limit back to the default.");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

/// <summary>An active hold as staff see it.</summary>
public sealed record HoldRow(int Id, HoldScope Scope, string? ServiceId, string? OwnerId, string? OwnerEmail, int Refusals,
    DateTimeOffset PlacedAt, DateTimeOffset Until);
