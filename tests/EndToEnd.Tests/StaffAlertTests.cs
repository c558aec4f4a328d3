using GbcPortal.Core.Persistence;
using GbcPortal.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>
/// What /staff says about a pause after dropped connections and about a callback it could not use: stored as codes with
/// their values, read as the one table's sentences.
/// </summary>
[Collection(PortalFixture.Collection)]
public sealed class StaffAlertTests(PortalFixture portal) : PortalTest(portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_read_the_pause_the_alert_and_a_refused_callback_as_sentences_from_the_table()
    {
        DispatchControl control;
        int inboxId;
        await using (var db = await Portal.Databases.CreateDbContextAsync(Ct))
        {
            control = await db.DispatchControl.SingleAsync(Ct);
            (control.Paused, control.PauseReason, control.PausedAt) = (true, DispatchReason.ConnectionsDropped, DateTimeOffset.UtcNow);
            (control.AlertReason, control.AlertCount, control.AlertAt) = (DispatchReason.ConnectionsDropped, 3, DateTimeOffset.UtcNow);
            var inbox = new CallbackInbox
            {
                RequestId = Guid.NewGuid(), Body = "<feed/>"u8.ToArray(), ReceivedAt = DateTimeOffset.UtcNow, State = InboxState.Failed,
                Problem = CallbackProblem.ResourceOffHost, Detail = "169.254.169.254", Attempts = 1,
            };
            db.CallbackInbox.Add(inbox);
            await db.SaveChangesAsync(Ct);
            inboxId = inbox.Id;
        }

        try
        {
            await using var staff = await Portal.NewSessionAsync();
            await staff.LoginAsync(PortalFixture.StaffEmail, Portal.StaffPassword);
            await staff.GotoInteractiveAsync("staff");

            await Assertions.Expect(staff.Page.GetByTestId("dispatch-alert")).ToHaveTextAsync(StatusSentences.Alert(control)!);
            await Assertions.Expect(staff.Page.GetByTestId("dispatch-state")).ToHaveAttributeAsync("data-status", "Paused");
            await Assertions.Expect(staff.Page.GetByTestId("dispatch-panel")).ToContainTextAsync(StatusSentences.Paused(control)!);
            var row = staff.Page.GetByTestId("failed-ingests").Locator("tbody tr", new() { Has = staff.Page.GetByTestId($"replay-{inboxId}") });
            await Assertions.Expect(row).ToContainTextAsync(StatusSentences.For(CallbackProblem.ResourceOffHost, "169.254.169.254", null)!);
            await staff.ScreenshotAsync("staff-dispatch-alert-and-callbacks");
        }
        finally
        {
            await Portal.Dispatch.ResumeAsync(Ct);
            await Portal.Dispatch.ClearAlertAsync(Ct);
            await using var db = await Portal.Databases.CreateDbContextAsync(Ct);
            db.CallbackInbox.Remove((await db.CallbackInbox.FindAsync([inboxId], Ct))!); // split across two tables: no ExecuteDelete
            await db.SaveChangesAsync(Ct);
        }
    }
}
