using System.Net;
using System.Security.Cryptography.X509Certificates;
using GbcPortal.Portal.Callbacks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Hosting;

/// <summary>
/// Two kinds of endpoint in one Kestrel: the UI on the usual URLs and the callback on its own
/// HTTPS port, where only the utility's client certificate completes the handshake.
/// </summary>
public static class KestrelServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalEndpoints(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CallbackOptions>().BindConfiguration(CallbackOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CallbackBinding>();
        builder.Services.AddSingleton<Core.Gbc.ICallbackAddress>(sp => sp.GetRequiredService<CallbackBinding>());

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            // Listening in code replaces the "urls" setting, so the UI URLs are read and bound here too.
            var uiUrls = ListenUrls.Ui(context.Configuration);
            var uiCertificate = uiUrls.Any(u => u.IsHttps()) ? UiCertificate(context.Configuration, context.HostingEnvironment.ContentRootPath) : null;
            var callbackSetting = kestrel.ApplicationServices.GetRequiredService<IOptions<CallbackOptions>>().Value.Url;
            var callbackUrl = ListenUrls.Parse(callbackSetting)
                ?? throw new InvalidOperationException($"Callback:Url: '{callbackSetting}' is not an address to listen on.");
            var certificates = kestrel.ApplicationServices.GetRequiredService<CallbackCertificates>();
            foreach (var url in uiUrls)
            {
                Listen(kestrel, url, listen =>
                {
                    if (url.IsHttps())
                        listen.UseHttps(uiCertificate!);
                });
            }

            Listen(kestrel, callbackUrl, listen =>
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = certificates.Server;
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => certificates.IsUtilityClient(certificate);
                });
                kestrel.ApplicationServices.GetRequiredService<CallbackBinding>().ListenOptions = listen;
            });
        });
        return builder;
    }

    /// <summary>
    /// The certificate of the https:// UI addresses, named the standard ASP.NET Core way
    /// (<c>Kestrel:Certificates:Default:Path</c>, <c>:KeyPath</c>, <c>:Password</c>; PFX or PEM).
    /// </summary>
    private static X509Certificate2 UiCertificate(IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection("Kestrel:Certificates:Default");
        var path = section["Path"] ?? throw new InvalidOperationException(
            "urls has an https:// address but Kestrel:Certificates:Default:Path is not set.");
        var key = section["KeyPath"] is { Length: > 0 } keyPath ? Path.GetFullPath(keyPath, contentRoot) : null;
        return Core.Gbc.Certificates.CertificateLoader.LoadWithKey(Path.GetFullPath(path, contentRoot), key, section["Password"]);
    }

    private static void Listen(KestrelServerOptions kestrel, Uri url, Action<ListenOptions> configure)
    {
        var port = url.IsDefaultPort && url.Port == -1 ? (url.Scheme == "https" ? 443 : 80) : url.Port;
        if (url.Host == "localhost")
            kestrel.ListenLocalhost(port, configure);
        else if (IPAddress.TryParse(url.Host, out var address))
            kestrel.Listen(address, port, configure);
        else
            kestrel.ListenAnyIP(port, configure);
    }
}
