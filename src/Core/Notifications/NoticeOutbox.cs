using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GbcPortal.Core.Notifications;

/// <summary>
/// Sends the service emails recorded in <c>LinkNotices</c>, outside the transactions that recorded them: each
/// notice is claimed, decided (<see cref="NoticeRules"/>), sent and marked, one at a time, so any number of
/// senders share the table and a failing mail server only delays a notice (retried with backoff) and never
/// touches ingest. A notice is sent at least once: a sender killed between the send and the mark sends it again.
/// </summary>
public sealed class NoticeOutbox(
    IDbContextFactory<PortalDbContext> dbFactory,
    IServiceEmailSender sender,
    TimeProvider time,
    IOptions<NoticeOptions> options,
    IOptions<IdentityOptions> identity,
    ILogger<NoticeOutbox> logger)
{
    private const int Batch = 50;

    private NoticeOptions Settings => options.Value;

    /// <summary>Sends or settles every notice that is due; the number sent.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            var stale = now - Settings.ClaimTimeout;
            List<long> due;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                due = await db.LinkNotices.Where(n => n.State == NoticeState.Pending && n.NextAttemptAt <= now
                        && (n.ClaimedAt == null || n.ClaimedAt < stale))
                    .OrderBy(n => n.Id).Select(n => n.Id).Take(Batch).ToListAsync(cancellationToken);
            }

            foreach (var id in due)
            {
                try
                {
                    if (await ProcessAsync(id, cancellationToken))
                    {
                        sent++;
                    }
                }
                catch (DbUpdateConcurrencyException)
                {
                    // The account (and with it the link and its notices) was deleted meanwhile: nothing left to tell.
                }
            }

            if (due.Count < Batch)
            {
                return sent;
            }
        }
    }

    private async Task<bool> ProcessAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stale = now - Settings.ClaimTimeout;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The claim is one conditional UPDATE: of two senders, one gets the row.
        var claimed = await db.LinkNotices.Where(n => n.Id == id && n.State == NoticeState.Pending && (n.ClaimedAt == null || n.ClaimedAt < stale))
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.ClaimedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var notice = await db.LinkNotices.Include(n => n.Link!).ThenInclude(l => l.Owner).SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notice?.Link is not { } link)
        {
            return false; // deleted with its account since it was claimed
        }

        var owner = link.Owner;
        var same = NoticeRules.SameAs(notice.Event);
        var lastSent = await db.LinkNotices.Where(n => n.LinkId == link.Id && same.Contains(n.Event) && n.State == NoticeState.Sent)
            .MaxAsync(n => n.SentAt, cancellationToken);
        var recipient = new NoticeRules.Recipient(owner?.Email,
            owner is not null && (owner.EmailConfirmed || !identity.Value.SignIn.RequireConfirmedAccount), owner?.EmailAboutServices ?? false);
        notice.ClaimedAt = null;
        if (NoticeRules.SkipReason(notice.Event, link.Status, recipient, lastSent, now, Settings.RepeatAfter) is { } skip)
        {
            (notice.State, notice.Reason, notice.Detail) = (NoticeState.Skipped, skip, null);
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        notice.Attempts++;
        try
        {
            await sender.SendAsync(new ServiceEmail(recipient.Email!, link.Id, link.ServiceId, notice.Event,
                StatusSentences.For(notice.Event, link.StatusReason)), cancellationToken);
            (notice.State, notice.SentAt, notice.Reason, notice.Detail) = (NoticeState.Sent, time.GetUtcNow(), null, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = $"{e.GetType().Name}: {e.Message}";
            (notice.Reason, notice.Detail) = (NoticeReason.SendFailed, error.Length > 500 ? error[..500] : error);
            notice.NextAttemptAt = now + Settings.RetryDelay(notice.Attempts);
            if (notice.NextAttemptAt - notice.OccurredAt > Settings.GiveUpAfter)
            {
                notice.State = NoticeState.Abandoned;
                logger.LogError(e, "Gave up emailing {Event} about link {LinkId} after {Attempts} attempts", notice.Event, link.Id, notice.Attempts);
            }
            else
            {
                logger.LogWarning("Could not email {Event} about link {LinkId} (attempt {Attempts}, next at {Next:u}): {Error}",
                    notice.Event, link.Id, notice.Attempts, notice.NextAttemptAt, e.Message);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return notice.State == NoticeState.Sent;
    }
}
