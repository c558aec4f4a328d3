using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Persistence;

/// <summary>Migration ReasonCodes on a database holding the sentences the code stored before: each becomes its code.</summary>
public sealed class ReasonCodesMigrationTests
{
    private static readonly (string Sentence, ReasonCode Code, string? Said)[] OldRequestReasons =
    [
        ("The utility had no data for this window.", ReasonCode.NoData, null),
        ("The utility was busy (503) for this request; sending it again shortly.", ReasonCode.UtilityBusy, null),
        ("The utility said we were over its rate limit; retrying later.", ReasonCode.RateLimited, null),
        ("The utility was unavailable; retrying later.", ReasonCode.UtilityUnavailable, null),
        ("Waiting: the utility refused our client certificate.", ReasonCode.CertificateRefused, null),
        ("Invalid request: windowEnd precedes windowStart", ReasonCode.InvalidRequest, "windowEnd precedes windowStart"),
        ("Invalid request: refused by the utility", ReasonCode.InvalidRequest, null),
        ("PIN not accepted by the utility; waiting for a new PIN. The utility said: PIN does not match", ReasonCode.PinNotAccepted, "PIN does not match"),
        ("PIN not accepted by the utility; waiting for a new PIN.", ReasonCode.PinNotAccepted, null),
        ("Waiting for a new PIN.", ReasonCode.WaitingForPin, null),
        ("Service ID inactive. The utility said: Meter removed 2026-03-02", ReasonCode.ServiceInactive, "Meter removed 2026-03-02"),
        ("Unknown Service ID.", ReasonCode.UnknownServiceId, null),
        ("Not sent: the stored PIN can no longer be read; waiting for the customer to enter it again.", ReasonCode.PinUnreadable, null),
        ("Refused by staff after a review.", ReasonCode.RefusedByStaff, null),
        ("Unlinked by the customer.", ReasonCode.Unlinked, null),
        ("Replaced by a new plan.", ReasonCode.Replanned, null),
        ("Re-queued with the new PIN.", ReasonCode.NewPin, null),
        ("Retried by staff.", ReasonCode.RetriedByStaff, null),
        ("No response from the utility after 4 attempts (24 h each).", ReasonCode.TimeoutGaveUp, null),
        ("No response from the utility within 24 h; sending again.", ReasonCode.Timeout, null),
        ("The utility failed the request (InternalError): backend timeout", ReasonCode.UtilityFailed, "backend timeout"),
        ("malformed response", ReasonCode.MalformedCallback, null),
        ("refused callback: The feed names 3 usage points; a request is for one Service ID.", ReasonCode.CallbackRefused, null),
        ("Its dispatcher stopped before sending it; back in the queue.", ReasonCode.NeverSent, null),
        ("Its dispatcher stopped while sending it and no callback came within 10 min; sending it again with the same request id.",
            ReasonCode.ResentAfterStop, null),
        ("Its dispatcher stopped while sending it; waiting for the utility's callback until 2026-03-12 18:10:00Z, then sending it again.",
            ReasonCode.AwaitingCallback, null),
        ("Something the utility's gateway said", ReasonCode.Other, "Something the utility's gateway said"),
    ];

    private static readonly (string Sentence, ReasonCode Code)[] OldLinkReasons =
    [
        ("The utility did not accept the PIN. Check it and enter it again.", ReasonCode.PinNotAccepted),
        ("The utility no longer accepts the PIN (it was changed or deleted). Enter the new PIN to continue.", ReasonCode.AccessRevoked),
        ("This Service ID is no longer active (for example after a meter swap or a rate change). Link your new Service ID.",
            ReasonCode.ServiceInactive),
        ("The utility does not know this Service ID. Check it on your bill and link it again.", ReasonCode.UnknownServiceId),
        ("Unlinked: requests stopped and the PIN deleted.", ReasonCode.Unlinked),
        ("The stored PIN can no longer be read. Enter it again.", ReasonCode.PinUnreadable),
        ("Checking the new PIN with the utility.", ReasonCode.CheckingNewPin),
        ("Our staff could not confirm that this account may see this Service ID, so we stopped asking the utility for it. "
            + "Contact us if you think this is a mistake.", ReasonCode.RefusedByStaff),
        ("Usage from an uploaded Green Button file.", ReasonCode.UploadedFile),
    ];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EveryOldSentence_BecomesItsCode_AndTheUtilitysWordsMoveToTheirColumn(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TempDatabase.CreateAsync(provider);
        var requests = OldRequestReasons;
        var links = OldLinkReasons.Append(("Words no code wrote.", ReasonCode.Other)).ToList();
        await using (var db = await MigratedJustBefore.OpenAsync(database, "ReasonCodes", ct))
        {
            for (var i = 0; i < links.Count; i++)
            {
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "ServiceLinks" ("Id", "OwnerId", "ServiceId", "Status", "StatusReason", "NeedsReview", "TimeZoneId", "CreatedAt", "StatusChangedAt", "Version")
                        VALUES ({0}, 'u1', {1}, 1, {2}, FALSE, 'UTC', 0, 0, 0)
                    """, [i + 1, $"S-{i + 1}", links[i].Item1], ct);
            }

            for (var i = 0; i < requests.Length; i++)
            {
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "DataRequests" ("Id", "LinkId", "RequestId", "Kind", "Status", "OutcomeReason", "Priority", "Attempts", "NotBefore", "CreatedAt",
                        "StatusChangedAt", "Version", "WindowStart", "WindowEnd")
                        VALUES ({0}, 1, {1}, 1, 4, {2}, 0, 1, 0, 0, 0, 0, 0, 0)
                    """, [i + 1, Guid.NewGuid(), requests[i].Item1], ct);
            }
        }

        await PortalDatabase.MigrateAsync(database.Factory, ct);

        await using var read = await database.Factory.CreateDbContextAsync(ct);
        var migrated = await read.DataRequests.OrderBy(r => r.Id).Select(r => new { r.OutcomeReason, r.UtilityMessage }).ToListAsync(ct);
        Assert.Equal(requests.Select(r => ((ReasonCode?)r.Item2, r.Item3)), migrated.Select(r => (r.OutcomeReason, r.UtilityMessage)));
        var migratedLinks = await read.ServiceLinks.OrderBy(l => l.Id).Select(l => new { l.StatusReason, l.UtilityMessage }).ToListAsync(ct);
        Assert.Equal(links.Select(l => ((ReasonCode?)l.Item2, l.Item2 == ReasonCode.Other ? l.Item1 : null)),
            migratedLinks.Select(l => (l.StatusReason, l.UtilityMessage)));
    }
}
