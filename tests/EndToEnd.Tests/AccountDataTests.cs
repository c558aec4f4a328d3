using System.IO.Compression;
using GbcPortal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GbcPortal.EndToEnd.Tests;

/// <summary>
/// /Account/Manage below change password: every service's history in one zip, and deleting the
/// account after typing its email, which leaves no row of it behind.
/// </summary>
[Collection(PortalFixture.Collection)]
public sealed class AccountDataTests(PortalFixture portal) : PortalTest(portal)
{
    private const string ServiceId = "1000000006", Pin = "6789"; // a demo account of its own (PortalFixture)
    private const string UploadSample = "gba-15min-14days-cost.xml";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Download_all_then_delete_leaves_no_row_of_the_account()
    {
        await using var customer = await Portal.NewSessionAsync();
        var page = customer.Page;
        var email = BrowserSession.NewEmail("delete-me");
        await customer.RegisterAsync(email);
        await customer.GotoInteractiveAsync("link");
        await customer.SubmitLinkAsync(ServiceId, Pin);
        await page.GotoAsync("upload");
        await page.GetByLabel("Green Button file", new() { Exact = true }).SetInputFilesAsync(UploadTests.Sample(UploadSample));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-stored")).ToBeVisibleAsync();

        var ownerId = await Db(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        // Wait until the utility's first callback is stored and ingested: the account then has every kind of row.
        await TestDataWait(async () => await Db(db => db.CallbackInbox.CountAsync(c => c.DataRequest!.Link!.OwnerId == ownerId, Ct)) > 0
            && await Db(db => db.Readings.CountAsync(r => db.ServiceLinks.Any(l => l.Id == r.LinkId && l.OwnerId == ownerId && l.ServiceId == ServiceId), Ct)) > 0);
        var callbackIds = await Db(db => db.CallbackInbox.Where(c => c.DataRequest!.Link!.OwnerId == ownerId).Select(c => c.Id).ToListAsync(Ct));
        var linkIds = await Db(db => db.ServiceLinks.Where(l => l.OwnerId == ownerId).Select(l => l.Id).ToListAsync(Ct));
        var fileReadings = await Db(db => db.Readings.CountAsync(r => db.ServiceLinks.Any(l => l.Id == r.LinkId && l.OwnerId == ownerId && l.ServiceId == "file-1"), Ct));

        await page.GotoAsync("Account/Manage");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-all").ClickAsync());
        var zipPath = Path.Combine(Portal.DataDirectory, $"my-data-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(zipPath);
        using (var zip = ZipFile.OpenRead(zipPath))
        {
            var names = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal([$"{ServiceId}/usage-{ServiceId}-all.csv", $"{ServiceId}/usage-{ServiceId}-all.xml", "file-1/usage-file-1-all.csv", "file-1/usage-file-1-all.xml"], names);
            using var csv = new StreamReader(zip.GetEntry("file-1/usage-file-1-all.csv")!.Open());
            var lines = (await csv.ReadToEndAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(fileReadings, lines.Length - 1); // a header, then one row per stored reading
            using var xml = new StreamReader(zip.GetEntry($"{ServiceId}/usage-{ServiceId}-all.xml")!.Open());
            Assert.Contains("IntervalReading", await xml.ReadToEndAsync(Ct), StringComparison.Ordinal);
        }

        await page.GetByLabel("Type your email to confirm", new() { Exact = true }).FillAsync("someone-else@example.test");
        await page.GetByTestId("delete-account").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delete-errors")).ToContainTextAsync("not this account's email");
        await customer.ScreenshotAsync("account-manage");
        Assert.True(await Db(db => db.Users.AnyAsync(u => u.Id == ownerId, Ct)));

        await page.GetByLabel("Type your email to confirm", new() { Exact = true }).FillAsync(email.ToUpperInvariant());
        await page.GetByTestId("delete-account").ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-deleted")).ToBeVisibleAsync();
        await customer.ScreenshotAsync("account-deleted");

        Assert.False(await Db(db => db.Users.AnyAsync(u => u.Id == ownerId || u.Email == email, Ct)));
        Assert.False(await Db(db => db.UserRoles.AnyAsync(r => r.UserId == ownerId, Ct)));
        Assert.False(await Db(db => db.UserClaims.AnyAsync(c => c.UserId == ownerId, Ct)));
        Assert.False(await Db(db => db.UserLogins.AnyAsync(l => l.UserId == ownerId, Ct)));
        Assert.False(await Db(db => db.UserTokens.AnyAsync(t => t.UserId == ownerId, Ct)));
        Assert.False(await Db(db => db.ServiceLinks.AnyAsync(l => l.OwnerId == ownerId || linkIds.Contains(l.Id), Ct)));
        Assert.False(await Db(db => db.DataRequests.AnyAsync(r => linkIds.Contains(r.LinkId), Ct)));
        Assert.False(await Db(db => db.ReadingTypes.AnyAsync(t => linkIds.Contains(t.LinkId), Ct)));
        Assert.False(await Db(db => db.Readings.AnyAsync(r => linkIds.Contains(r.LinkId), Ct)));
        // The audit log still counts what happened, no longer to whom.
        Assert.False(await Db(db => db.AuditEvents.AnyAsync(e => e.AccountId == ownerId || e.ActorUserId == ownerId, Ct)));
        Assert.True(await Db(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.Linked && e.AccountId == null && e.ServiceId == null, Ct)));
        // A callback outlives its request (the key is set null), and its body holds the customer's usage.
        Assert.False(await Db(db => db.CallbackInbox.AnyAsync(c => callbackIds.Contains(c.Id), Ct)));

        // Signed out, and the address signs in no more.
        await page.GotoAsync("services");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<T> Db<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        return await query(db);
    }

    private static async Task TestDataWait(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "The utility's callback did not arrive within two minutes.");
            await Task.Delay(250, Ct);
        }
    }
}
