using GbcPortal.Core.Gbc;

namespace GbcPortal.Core.Ingest;

/// <summary>Fetches Notify resources with the utility client (mutual TLS, size-limited).</summary>
public sealed class GbcClientFeedSource(GbcClient client) : IFeedSource
{
    public async Task<Stream> OpenAsync(Uri resource, CancellationToken cancellationToken) =>
        new MemoryStream(await client.FetchResourceAsync(resource, cancellationToken), writable: false);
}
