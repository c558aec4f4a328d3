using GbcPortal.Core.Linking;
using GbcPortal.Core.Persistence;
using GbcPortal.Core.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GbcPortal.Pipeline.Tests;

/// <summary>Portal instances that share one PostgreSQL database share everything a request needs.</summary>
public sealed class PostgresInstancesTests
{
    [Fact]
    public async Task A_pin_linked_on_one_instance_decrypts_on_another_with_its_own_data_folder()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var database = await PortalFactoryDatabase.CreateAsync(DatabaseProvider.Postgres);
        int linkId;
        await using (var first = new PortalFactory(database.With([])))
        {
            first.StartServer();
            // Nothing is sent: this is about what the second instance can read.
            await first.Services.GetRequiredService<DispatchControlService>().PauseAsync(cancel);
            await using var scope = first.Services.CreateAsyncScope();
            var user = new PortalUser { UserName = "two@example.test", Email = "two@example.test", EmailConfirmed = true };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().CreateAsync(user, "Customer-Test-2026!")).Succeeded);
            var linked = await first.Services.GetRequiredService<LinkService>().LinkAsync(user.Id, "1000000001", "7315", cancel);
            Assert.True(linked.Succeeded, linked.Error);
            linkId = linked.LinkId!.Value;
        }

        await using var second = new PortalFactory(database.With([]));
        second.StartServer();
        await using var db = await second.Databases.CreateDbContextAsync(cancel);
        var link = await db.ServiceLinks.AsNoTracking().SingleAsync(l => l.Id == linkId, cancel);

        Assert.True(second.Services.GetRequiredService<PinProtector>().TryUnprotect(link.ProtectedPin, out var pin));
        Assert.Equal("7315", pin);
        Assert.True(await db.DataProtectionKeys.AnyAsync(cancel), "the key ring is in the shared database");
        Assert.False(Directory.Exists(Path.Combine(second.DataDirectory, "keys")) &&
            Directory.EnumerateFiles(Path.Combine(second.DataDirectory, "keys")).Any(), "no key in the instance's own folder");
    }
}
