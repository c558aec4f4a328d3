using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GbcPortal.Core.Accounts;

/// <summary>
/// Everything stored for a customer besides the Identity rows: their links (unlinked and file-only
/// ones too) with the requests, reading types and readings that cascade from them, and the
/// callbacks the utility sent for those requests, whose bodies hold the customer's usage.
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
        await transaction.CommitAsync(ct);
        logger.LogInformation("Deleted an account's data: {Links} links, {Callbacks} callbacks", links, callbacks.Count);
        return links;
    }
}
