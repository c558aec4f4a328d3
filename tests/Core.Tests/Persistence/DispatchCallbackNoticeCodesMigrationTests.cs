using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GbcPortal.Core.Tests.Persistence;

/// <summary>
/// Migration DispatchCallbackNoticeCodes on a database holding the sentences the code stored before: dispatch's pause and
/// alert, a callback's error and a notice's note each become a code with its values, and our words kept as the utility's go.
/// </summary>
public sealed class DispatchCallbackNoticeCodesMigrationTests
{
    private static readonly (string? Paused, string? Alert, DispatchReason? Pause, DispatchReason? Reason, int? RequestId, int? Count, string? Said)[] OldControls =
    [
        ("Paused by staff.", null, DispatchReason.PausedByStaff, null, null, null, null),
        ("test: linking", null, DispatchReason.PausedByStaff, null, null, null, null),
        ("The utility refused our client certificate.", "The utility refused our client certificate. (401) Dispatch is paused.",
            DispatchReason.CertificateRefused, DispatchReason.CertificateRefused, null, null, null),
        ("The utility refused our client certificate.",
            "The utility refused our client certificate. The TLS handshake with the utility failed: alert 42 Dispatch is paused.",
            DispatchReason.CertificateRefused, DispatchReason.CertificateRefused, null, null, null),
        ("The utility refused our client certificate.", "The utility refused our client certificate. Certificate revoked Dispatch is paused.",
            DispatchReason.CertificateRefused, DispatchReason.CertificateRefused, null, null, "Certificate revoked"),
        ("The utility refused our client certificate.", "The utility refused our client certificate. It closed the connection without an "
            + "answer 3 times in a row: with TLS 1.3 this is how a refused client certificate shows (it can also be an outage). Check the "
            + "portal's client certificate, then resume dispatch. Dispatch is paused.",
            DispatchReason.CertificateRefused, DispatchReason.ConnectionsDropped, null, 3, null),
        (null, "The utility called request 17 invalid: windowEnd precedes windowStart", null, DispatchReason.InvalidRequest, 17, null,
            "windowEnd precedes windowStart"),
        (null, "The utility called request 9 invalid: The utility answered 400 Bad Request.", null, DispatchReason.InvalidRequest, 9, null, null),
        (null, "The utility called request 8 invalid: ", null, DispatchReason.InvalidRequest, 8, null, null),
        (null, null, null, null, null, null, null),
    ];

    private static readonly (string? Error, CallbackProblem? Problem, string? Detail, int? Count)[] OldCallbacks =
    [
        ("The request or its link no longer exists; nothing stored.", CallbackProblem.RequestGone, null, null),
        ("Request 12 was already Complete when this callback came; kept, not ingested. Replay it to ingest it.",
            CallbackProblem.AlreadyFinished, "Complete", null),
        ("2834 readings outside the requested window were dropped.", CallbackProblem.ReadingsOutsideWindow, null, 2834),
        ("The notification names 51 resources; at most 50 are fetched.", CallbackProblem.TooManyResources, null, 51),
        ("Utility:BaseUrl is not set, so no resource host is trusted.", CallbackProblem.NoTrustedHost, null, null),
        ("The notification names a resource on api.pge.com, not on the utility's host utility.example.test.",
            CallbackProblem.ResourceOffHost, "api.pge.com", null),
        ("The notification names a http address on utility.example.test, which is not https.", CallbackProblem.ResourceNotHttps, null, null),
        ("The feed names 3 usage points; a request is for one Service ID.", CallbackProblem.SeveralUsagePoints, null, 3),
        ("Unexpected end of file at line 1.", CallbackProblem.Malformed, "Unexpected end of file at line 1.", null),
        (null, null, null, null),
    ];

    private static readonly (string? Note, NoticeReason? Reason, string? Detail)[] OldNotices =
    [
        ("The account turned service emails off.", NoticeReason.EmailsOff, null),
        ("The account has no confirmed address.", NoticeReason.NoConfirmedAddress, null),
        ("The link is Unlinked now, so the news is out of date.", NoticeReason.OutOfDate, null),
        ("Already sent for this link.", NoticeReason.AlreadySent, null),
        ("Already sent for this link at 2026-03-12 18:10:00Z.", NoticeReason.AlreadySent, null),
        ("SmtpException: Connection refused", NoticeReason.SendFailed, "SmtpException: Connection refused"),
        (null, null, null),
    ];

    private static readonly (string Said, string? Kept)[] OldUtilityMessages =
    [
        ("The utility answered 503 Service Unavailable.", null),
        ("The TLS handshake with the utility failed: The remote certificate is invalid.", null),
        ("The utility closed the connection without an answer.", null),
        ("The utility could not be reached: Connection refused (utility.example.test:443)", null),
        ("The utility did not answer in time.", null),
        ("HttpRequestException", null),
        ("PIN does not match", "PIN does not match"),
    ];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EveryOldSentence_BecomesItsCode_WithItsValues_AndOurWordsLeaveTheUtilitysColumn(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TempDatabase.CreateAsync(provider);
        await using (var db = await MigratedJustBefore.OpenAsync(database, "DispatchCallbackNoticeCodes", ct))
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "ServiceLinks" ("Id", "OwnerId", "ServiceId", "Status", "StatusReason", "UtilityMessage", "NeedsReview", "TimeZoneId", "CreatedAt", "StatusChangedAt", "Version")
                    VALUES (1, 'u1', 'S-1', 1, 'PinNotAccepted', 'The utility answered 403 Forbidden.', FALSE, 'UTC', 0, 0, 0)
                """, ct);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "DispatchControl" SET "PausedReason" = {0}, "Alert" = {1}""", [Value(OldControls[0].Paused), Value(OldControls[0].Alert)], ct);
            for (var i = 1; i < OldControls.Length; i++)
            {
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "DispatchControl" ("Id", "Paused", "PausedReason", "Alert", "Version") VALUES ({0}, FALSE, {1}, {2}, 0)
                    """, [i + 1, Value(OldControls[i].Paused), Value(OldControls[i].Alert)], ct);
            }

            for (var i = 0; i < OldUtilityMessages.Length; i++)
            {
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "DataRequests" ("Id", "LinkId", "RequestId", "Kind", "Status", "OutcomeReason", "UtilityMessage", "Priority", "Attempts", "NotBefore", "CreatedAt",
                        "StatusChangedAt", "Version", "WindowStart", "WindowEnd")
                        VALUES ({0}, 1, {1}, 1, 4, 'UtilityUnavailable', {2}, 0, 1, 0, 0, 0, 0, 0, 0)
                    """, [i + 1, Guid.NewGuid(), OldUtilityMessages[i].Said], ct);
            }

            for (var i = 0; i < OldCallbacks.Length; i++)
            {
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "CallbackInbox" ("Id", "RequestId", "Headers", "BodyEncoding", "ReceivedAt", "State", "Error", "Attempts")
                        VALUES ({0}, {1}, '{{}}', 0, 0, 3, {2}, 1)
                    """, [i + 1, Guid.NewGuid(), Value(OldCallbacks[i].Error)], ct);
            }

            for (var i = 0; i < OldNotices.Length; i++)
            {
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "LinkNotices" ("Id", "LinkId", "Event", "State", "OccurredAt", "NextAttemptAt", "Attempts", "Note")
                        VALUES ({0}, 1, 0, 2, 0, 0, 1, {1})
                    """, [i + 1, Value(OldNotices[i].Note)], ct);
            }
        }

        await PortalDatabase.MigrateAsync(database.Factory, ct);

        await using var read = await database.Factory.CreateDbContextAsync(ct);
        var controls = await read.DispatchControl.OrderBy(c => c.Id).ToListAsync(ct);
        Assert.Equal(OldControls.Select(c => (c.Pause, c.Reason, c.RequestId, c.Count, c.Said)),
            controls.Select(c => (c.PauseReason, c.AlertReason, c.AlertRequestId, c.AlertCount, c.AlertUtilityMessage)));
        var callbacks = await read.CallbackInbox.OrderBy(c => c.Id).Select(c => new { c.Problem, c.Detail, c.Count }).ToListAsync(ct);
        Assert.Equal(OldCallbacks.Select(c => (c.Problem, c.Detail, c.Count)), callbacks.Select(c => (c.Problem, c.Detail, c.Count)));
        var notices = await read.LinkNotices.OrderBy(n => n.Id).Select(n => new { n.Reason, n.Detail }).ToListAsync(ct);
        Assert.Equal(OldNotices.Select(n => (n.Reason, n.Detail)), notices.Select(n => (n.Reason, n.Detail)));
        var said = await read.DataRequests.OrderBy(r => r.Id).Select(r => r.UtilityMessage).ToListAsync(ct);
        Assert.Equal(OldUtilityMessages.Select(m => m.Kept), said);
        Assert.Null(await read.ServiceLinks.Select(l => l.UtilityMessage).SingleAsync(ct));
    }

    // EF sends a null argument as NULL; the array is typed non-null.
    private static object Value(string? text) => text!;
}

