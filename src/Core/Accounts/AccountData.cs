using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GbcPortal.Core.Accounts;

/// <summary>
/// Everything stored for a customer besides the Identity rows: their links (unlinked and file-only
/// ones too) with the requests, reading types and readings that cascade from them, the callbacks
/// the utility sent for those requests, whose bodies hold the customer's usage, and their audit
/// events, which are anonymised rather than deleted.
/// </summary>
public sealed class AccountData(IDbContextFactory<PortalDbContext> databases, ILogger<AccountData> logger)
{
    /// <summary>Deletes the owner's data in one transaction; the number of links deleted.</summary>
    public async Task<int> DeleteAsync(string ownerId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A callback outlives its request (the foreign key sets null), so it goes first, by id:
        // its body is split into a table of its own, which a bulk delete cannot reach.
        var callbacks = await db.CallbackInbox
            .Where(c => c.DataRequest != null && c.DataRequest.Link!.OwnerId == ownerId)
            .Select(c => c.Id).ToListAsync(ct);
        foreach (var id in callbacks)
            db.CallbackInbox.Remove(new CallbackInbox { Id = id });
        await db.SaveChangesAsync(ct);
        var links = await db.ServiceLinks.Where(l => l.OwnerId == ownerId).ExecuteDeleteAsync(ct);
        // The audit log keeps that something happened and when, not to whom: the account's own
        // actions lose their actor and address, events about it lose the account, and both lose
        // the Service ID and the note, which can name the household.
        await db.AuditEvents.Where(e => e.ActorUserId == ownerId).ExecuteUpdateAsync(e => e
            .SetProperty(a => a.ActorUserId, (string?)null).SetProperty(a => a.Ip, (string?)null), ct);
        await db.AuditEvents.Where(e => e.AccountId == ownerId).ExecuteUpdateAsync(e => e
            .SetProperty(a => a.AccountId, (string?)null).SetProperty(a => a.ServiceId, (string?)null)
            .SetProperty(a => a.Detail, (string?)null), ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Deleted an account's data: {Links} links, {Callbacks} callbacks", links, callbacks.Count);
        return links;
    }
}
