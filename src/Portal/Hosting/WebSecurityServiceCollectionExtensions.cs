using System.Net;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using GbcPortal.Portal.Callbacks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Hosting;

/// <summary>
/// What faces the internet: the proxy's forwarded headers, HTTPS and HSTS outside Development,
/// security headers with a nonce-based CSP, rate limits on what an attacker repeats, and a callback
/// port that serves the callback route and nothing else.
/// </summary>
public static class WebSecurityServiceCollectionExtensions
{
    public const string NonceKey = "csp-nonce";

    private static readonly string[] AccountForms =
        ["/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/Account/ResetPassword", "/Account/ResendConfirmation"];

    public static WebApplicationBuilder AddPortalWebSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PortalOptions>>((forwarded, portal) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback stays trusted (nginx on the same machine); others only when listed.
            foreach (var proxy in portal.Value.KnownProxies)
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network))
                    forwarded.KnownIPNetworks.Add(network);
                else
                    forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        // Left to itself the redirect would pick the only https:// address it sees: the callback port.
        services.AddHttpsRedirection(https => https.HttpsPort = PublicHttpsPort(builder.Configuration));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(context.HttpContext.Response.WriteAsync(
                    "Too many attempts from your address. Wait a minute, then try again.", cancellationToken));
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var path = context.Request.Path.Value ?? "";
                if (HttpMethods.IsPost(context.Request.Method) && AccountForms.Any(f => path.Equals(f, StringComparison.OrdinalIgnoreCase)))
                    return PerMinute("account:" + client, limits.AccountPostsPerMinute);
                if (path.StartsWith("/usage/", StringComparison.OrdinalIgnoreCase) && path.Contains("/download", StringComparison.OrdinalIgnoreCase)
                    || path.Equals(Accounts.AccountDataDownload.Path, StringComparison.OrdinalIgnoreCase))
                    return PerMinute("download:" + (context.User.Identity?.Name ?? client), limits.DownloadsPerMinute);
                return RateLimitPartition.GetNoLimiter("");
            });
        });
        return builder;
    }

    public static WebApplication UsePortalWebSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(CallbackPortOnly);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            if (PublicHttpsPort(app.Configuration) is not null)
                app.UseHttpsRedirection();
        }
        app.Use(SecurityHeaders);
        return app;
    }

    /// <summary>The port customers reach over https: Portal:PublicBaseUrl's, else an https:// UI address's; null when neither.</summary>
    private static int? PublicHttpsPort(IConfiguration configuration)
    {
        if (Uri.TryCreate(configuration[$"{PortalOptions.SectionName}:{nameof(PortalOptions.PublicBaseUrl)}"], UriKind.Absolute, out var pub)
            && pub.Scheme == Uri.UriSchemeHttps)
            return pub.Port;
        return ListenUrls.Ui(configuration).FirstOrDefault(u => u.IsHttps())?.Port;
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>The port the utility reaches holds the callback route only: no page, no dashboard, no asset.</summary>
    private static Task CallbackPortOnly(HttpContext context, RequestDelegate next)
    {
        var binding = context.RequestServices.GetRequiredService<CallbackBinding>();
        if (binding.Port != 0 && context.Connection.LocalPort == binding.Port
            && !context.Request.Path.Equals(CallbackEndpoints.Path, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    }

    /// <summary>
    /// CSP allowing exactly what the pages load: our scripts (Blazor, MudBlazor, the Chart.js bundle) from
    /// this origin, the import map by nonce, MudBlazor's inline styles, the circuit's WebSocket.
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        return next(context);
    }
}
