using GbcPortal.Portal.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Accounts;

/// <summary>
/// Absolute links for emails sent outside any request (by a job): <c>Portal:PublicBaseUrl</c>, required in
/// Production; without it (Development) the UI's own listening address.
/// </summary>
public sealed class PublicAddress(IOptions<PortalOptions> options, IServer server)
{
    public string Url(string path, params (string Name, string Value)[] query)
    {
        var url = new Uri(new Uri(Root()), path).AbsoluteUri;
        foreach (var (name, value) in query)
            url = QueryHelpers.AddQueryString(url, name, value);
        return url;
    }

    private string Root()
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
            return configured.TrimEnd('/') + "/";
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        // The UI listens on http:// in Development; the callback port (https, client certificates only) serves no page.
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault() ?? "http://localhost";
        var uri = new UriBuilder(address);
        if (uri.Host is "+" or "*" or "[::]" or "0.0.0.0")
            uri.Host = "localhost";
        return uri.Uri.GetLeftPart(UriPartial.Authority) + "/";
    }
}
