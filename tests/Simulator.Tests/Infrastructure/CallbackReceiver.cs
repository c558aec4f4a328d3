using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using GbcPortal.Core.Gbc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GbcPortal.Simulator.Tests.Infrastructure;

/// <summary>
/// A tiny stand-in for the portal's callback endpoint: HTTPS on a free loopback port with the
/// portal-server certificate, accepting only the utility-client certificate. It records every
/// callback and can be told to fail the first ones. Its address is the client's callbackUri.
/// </summary>
public sealed class CallbackReceiver : ICallbackAddress, IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedCallback> _received = Channel.CreateUnbounded<ReceivedCallback>();
    private readonly ConcurrentQueue<ReceivedCallback> _all = new();
    private int _failuresLeft;

    private CallbackReceiver(WebApplication app) => _app = app;

    public Uri CallbackUri { get; private set; } = null!;

    public IReadOnlyCollection<ReceivedCallback> All => _all;

    public static async Task<CallbackReceiver> StartAsync(CertificatesFixture certs, int failFirst = 0)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        ListenOptions? bound = null;
        var utilityClient = certs.Ours.UtilityClient.Thumbprint;
        var trust = Core.Gbc.Certificates.CertificateTrust.ForCa(certs.Ours.Ca);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            bound = listen;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certs.Ours.PortalServer,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                CheckCertificateRevocation = false,
                ClientCertificateValidation = (cert, _, _) => trust.IsTrusted(cert) && cert.Thumbprint == utilityClient,
            });
        }));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging(l => l.ClearProviders());
        var app = builder.Build();
        var receiver = new CallbackReceiver(app) { _failuresLeft = failFirst };
        app.UseRouting();
        app.MapPost("/gbc/callback", (Delegate)receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.CallbackUri = new Uri($"https://127.0.0.1:{bound!.IPEndPoint!.Port}/gbc/callback");
        return receiver;
    }

    /// <summary>The next callback, or a TimeoutException after <paramref name="timeout"/>.</summary>
    public async Task<ReceivedCallback> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No callback within {timeout}.");
        }
    }

    /// <summary>True when no further callback arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> QuietForAsync(TimeSpan wait)
    {
        await Task.Delay(wait);
        return !_received.Reader.TryPeek(out _);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var callback = new ReceivedCallback(
            context.Request.Headers[CallbackHeaders.RequestId].ToString(),
            context.Request.Headers[CallbackHeaders.UtilityRequestId].ToString(),
            context.Request.ContentType ?? "",
            body.ToArray(),
            DateTimeOffset.UtcNow);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        _all.Enqueue(callback);
        _received.Writer.TryWrite(callback);
        return Results.Ok();
    }
}

public sealed record ReceivedCallback(string RequestId, string UtilityRequestId, string ContentType, byte[] Body, DateTimeOffset At);
