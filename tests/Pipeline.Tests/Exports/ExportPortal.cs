using GbcPortal.Core.Persistence;

namespace GbcPortal.Pipeline.Tests.Exports;

/// <summary>
/// The real portal on Kestrel with <see cref="ExportSeed"/>'s services linked to one customer, and a
/// second customer who owns nothing. <c>Portal:PublicBaseUrl</c> is set, so every exported link
/// must start with it.
/// </summary>
public sealed class ExportPortal() : PortalFactory(new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = PublicBaseUrl }), IAsyncLifetime
{
    public const string PublicBaseUrl = "https://portal.example.test";

    public HttpClient Owner { get; private set; } = null!;

    public HttpClient Stranger { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        StartServer();
        var ct = TestContext.Current.CancellationToken;
        var owner = await AddUserAsync("owner");
        await ExportSeed.AddAsync(Databases, owner.Id, ct);
        Owner = await SignedInClientAsync(owner);
        Stranger = await SignedInClientAsync(await AddUserAsync("stranger"));
        Owner.Timeout = Stranger.Timeout = TimeSpan.FromMinutes(2); // whole histories
    }


    public override async ValueTask DisposeAsync()
    {
        Owner?.Dispose();
        Stranger?.Dispose();
        await base.DisposeAsync();
    }
}
