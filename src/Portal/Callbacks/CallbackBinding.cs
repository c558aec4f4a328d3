using System.Net;
using GbcPortal.Core.Gbc;
using GbcPortal.Portal.Callbacks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Callbacks;

/// <summary>
/// The Kestrel endpoint that carries callbacks. Kestrel writes the bound port back into the
/// listen options, so port 0 works and the callback route can refuse every other port.
/// </summary>
public sealed class CallbackBinding(IOptions<CallbackOptions> options) : ICallbackAddress
{
    internal ListenOptions? ListenOptions { get; set; }

    /// <summary>The bound port, or 0 before Kestrel has started.</summary>
    public int Port => (ListenOptions?.EndPoint as IPEndPoint)?.Port ?? 0;

    /// <summary>The bound address, or null before Kestrel has started.</summary>
    public IPAddress? Address => (ListenOptions?.EndPoint as IPEndPoint)?.Address;

    public bool IsCallbackConnection(HttpContext context) =>
        Port != 0 && context.Connection.LocalPort == Port && context.Request.IsHttps;

    /// <summary>The callbackUri sent in every UsageRequest.</summary>
    public Uri CallbackUri
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.PublicUrl))
                return new Uri(options.Value.PublicUrl);
            var configured = new Uri(options.Value.Url);
            var port = Port != 0 ? Port : configured.Port;
            return new UriBuilder(configured) { Port = port, Path = CallbackEndpoints.Path }.Uri;
        }
    }
}
