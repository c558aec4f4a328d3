using System.Security.Cryptography;
using System.Text;
using GbcPortal.Core.Audit;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Linking;

/// <summary>
/// Keeps the portal from being a PIN oracle. Refusals from the utility are counted per Service ID and per
/// account; past <see cref="LinkingOptions"/>' thresholds a hold stops new attempts before they reach the
/// utility, and an attempt identical to one just refused is answered from what we know.
/// </summary>
internal static class LinkGuard
{
    /// <summary>What to do with a link attempt.</summary>
    public sealed record Verdict(string? Refusal, string? ReviewReason)
    {
        public static Verdict Send { get; } = new(null, null);
    }

    public static async Task<Verdict> CheckAsync(PortalDbContext db, LinkingOptions options, PinProtector pins, string ownerId,
        string serviceId, ServiceLink? existing, string pin, DateTimeOffset now, string timeZoneId, CancellationToken cancellationToken)
    {
        var holds = await db.LinkHolds.AsNoTracking()
            .Where(h => h.LiftedAt == null && h.Until > now
                && ((h.Scope == HoldScope.Account && h.OwnerId == ownerId) || (h.Scope == HoldScope.ServiceId && h.ServiceId == serviceId)))
            .ToListAsync(cancellationToken);
        if (holds.Where(h => h.Scope == HoldScope.Account).MaxBy(h => h.Until) is { } accountHold)
        {
            return new Verdict(LinkMessages.AccountHeldUntil(accountHold.Until, timeZoneId), null);
        }

        if (IsSameRefusal(existing, pins, pin, now - options.RefusalWindow) is { } known)
        {
            return new Verdict(known, null);
        }

        if (holds.MaxBy(h => h.Until) is { } serviceHold)
        {
            // The account that made the wrong guesses waits; anyone else may be the real customer: staff decide.
            var since = now - options.RefusalWindow;
            var guessed = await db.LinkRefusals.AnyAsync(r => r.ServiceId == serviceId && r.OwnerId == ownerId && r.At > since, cancellationToken);
            return guessed ? new Verdict(LinkMessages.HeldUntil(serviceHold.Until, timeZoneId), null) : new Verdict(null, ReviewReasons.HeldServiceId);
        }

        return Verdict.Send;
    }

    /// <summary>Counts a refusal and places a hold when it reaches a threshold. Runs inside the outcome's transaction.</summary>
    public static async Task RecordRefusalAsync(PortalDbContext db, LinkingOptions options, ServiceLink link, RefusalKind kind,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.LinkRefusals.Add(new LinkRefusal { OwnerId = link.OwnerId, ServiceId = link.ServiceId, Kind = kind, At = now });
        if (kind == RefusalKind.PinNotAccepted)
        {
            await HoldIfDueAsync(db, options, HoldScope.ServiceId, link, now, options.MaxWrongPinsPerServiceId, cancellationToken);
        }

        await HoldIfDueAsync(db, options, HoldScope.Account, link, now, options.MaxRefusalsPerAccount, cancellationToken);
    }

    private static async Task HoldIfDueAsync(PortalDbContext db, LinkingOptions options, HoldScope scope, ServiceLink link,
        DateTimeOffset now, int threshold, CancellationToken cancellationToken)
    {
        var holds = scope == HoldScope.ServiceId
            ? db.LinkHolds.Where(h => h.Scope == scope && h.ServiceId == link.ServiceId)
            : db.LinkHolds.Where(h => h.Scope == scope && h.OwnerId == link.OwnerId);
        var last = await holds.OrderByDescending(h => h.PlacedAt).FirstOrDefaultAsync(cancellationToken);
        if (last?.IsActive(now) == true)
        {
            return;
        }

        // Refusals before the last hold (lifted or expired) were already answered by it.
        var from = now - options.RefusalWindow;
        if (last is not null && last.PlacedAt > from)
        {
            from = last.PlacedAt;
        }

        var refusals = scope == HoldScope.ServiceId
            ? db.LinkRefusals.Where(r => r.ServiceId == link.ServiceId && r.Kind == RefusalKind.PinNotAccepted)
            : db.LinkRefusals.Where(r => r.OwnerId == link.OwnerId);
        var count = 1 + await refusals.CountAsync(r => r.At > from, cancellationToken); // this one is not saved yet
        if (count < threshold)
        {
            return;
        }

        db.LinkHolds.Add(new LinkHold
        {
            Scope = scope,
            ServiceId = scope == HoldScope.ServiceId ? link.ServiceId : null,
            OwnerId = link.OwnerId,
            Refusals = count,
            PlacedAt = now,
            Until = now + options.RefusalWindow,
        });
        var what = scope == HoldScope.ServiceId ? "wrong PINs for this Service ID" : "refused links by this account";
        AuditLog.Add(db, now, AuditAction.HoldPlaced, null, link.OwnerId, link.ServiceId, null,
            $"{scope} hold: {count} {what} within {options.RefusalWindow.TotalHours:0.#} h; until {now + options.RefusalWindow:u}");
    }

    /// <summary>The same account, Service ID and PIN that the utility just refused: say so again instead of asking.</summary>
    private static string? IsSameRefusal(ServiceLink? link, PinProtector pins, string pin, DateTimeOffset since)
    {
        if (link is not { Status: LinkStatus.PinNotAccepted or LinkStatus.Rejected, ProtectedPin: { } stored } || link.StatusChangedAt <= since
            || link.StatusReason == ReasonCode.PinUnreadable)
        {
            return null;
        }

        if (!pins.TryUnprotect(stored, out var previous))
        {
            return null;
        }

        var same = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(previous), Encoding.UTF8.GetBytes(pin));
        return !same ? null : link.Status == LinkStatus.Rejected ? LinkMessages.SameUnknownServiceId : LinkMessages.SameRefusedPin;
    }
}
