using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Audit;

/// <summary>
/// Writes and reads the audit log: who did what to which account or Service ID, when, from which address.
/// Callers pass no PIN and no body; <c>detail</c> is a short note.
/// </summary>
public sealed class AuditLog(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time, IOptions<AuditOptions> options)
{
    private const int DetailLength = 500;

    /// <summary>Records one event in its own transaction.</summary>
    public async Task RecordAsync(AuditAction action, string? actorUserId, string? accountId, string? serviceId, string? ip,
        string? detail, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Add(db, time.GetUtcNow(), action, actorUserId, accountId, serviceId, ip, detail);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds an event to a change the caller saves, so the event and the change commit together.</summary>
    public static void Add(PortalDbContext db, DateTimeOffset at, AuditAction action, string? actorUserId, string? accountId,
        string? serviceId, string? ip, string? detail) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = at,
            Action = action,
            ActorUserId = actorUserId,
            AccountId = accountId,
            ServiceId = serviceId,
            Ip = ip,
            Detail = detail is { Length: > DetailLength } ? detail[..DetailLength] : detail,
        });

    /// <summary>Newest first, at most <see cref="AuditFilter.Limit"/>; the account filter matches an email (part) or a user id.</summary>
    public async Task<IReadOnlyList<AuditRow>> SearchAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = db.AuditEvents.AsNoTracking();
        if (filter.Account?.Trim() is { Length: > 0 } account)
        {
            var normalized = account.ToUpperInvariant();
            var ids = await db.Users.Where(u => u.Id == account || u.NormalizedEmail!.Contains(normalized))
                .Select(u => u.Id).Take(100).ToListAsync(cancellationToken);
            ids.Add(account);
            events = events.Where(e => ids.Contains(e.AccountId!) || ids.Contains(e.ActorUserId!));
        }

        if (filter.ServiceId?.Trim() is { Length: > 0 } serviceId)
        {
            events = events.Where(e => e.ServiceId == serviceId);
        }

        if (filter.Action is { } action)
        {
            events = events.Where(e => e.Action == action);
        }

        var rows = await events.OrderByDescending(e => e.Id).Take(Math.Clamp(filter.Limit, 1, 1000)).ToListAsync(cancellationToken);
        var userIds = rows.SelectMany(e => new[] { e.ActorUserId, e.AccountId }).OfType<string>().Distinct().ToList();
        var emails = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        return rows.Select(e => new AuditRow(e.Id, e.At, e.Action, e.ActorUserId, Email(e.ActorUserId), e.AccountId, Email(e.AccountId),
            e.ServiceId, e.Ip, e.Detail)).ToList();

        string? Email(string? id) => id is not null && emails.TryGetValue(id, out var email) ? email : null;
    }

    /// <summary>Deletes the events older than <c>Audit:RetentionDays</c>; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var before = time.GetUtcNow().AddDays(-options.Value.RetentionDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.Where(e => e.At < before).ExecuteDeleteAsync(cancellationToken);
    }
}
