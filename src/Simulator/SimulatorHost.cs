using System.Net;
using GbcPortal.Core.Gbc;
using GbcPortal.Core.Gbc.Certificates;
using GbcPortal.Simulator.Accounts;
using GbcPortal.Simulator.Admin;
using GbcPortal.Simulator.Api;
using GbcPortal.Simulator.Data;
using GbcPortal.Simulator.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GbcPortal.Simulator;

/// <summary>
/// Starts the simulated utility inside any process (its own Program, the portal's demo mode,
/// tests): a Kestrel server with the GBC API on mutual TLS and the admin API on loopback HTTP.
/// It reads no configuration files of its own; everything comes in <see cref="SimulatorOptions"/>.
/// </summary>
public static class SimulatorHost
{
    public static Task<SimulatorHandle> StartAsync(SimulatorOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, TimeProvider.System, loggerFactory, cancellationToken);

    public static async Task<SimulatorHandle> StartAsync(
        SimulatorOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var apiEndpoint = Endpoint(options.ApiUrl, "https", nameof(options.ApiUrl));
        var adminEndpoint = Endpoint(options.AdminUrl, "http", nameof(options.AdminUrl));
        if (!IPAddress.IsLoopback(adminEndpoint.Address))
            throw new InvalidOperationException($"Simulator:AdminUrl must be a loopback address; '{options.AdminUrl}' is not.");
        if (options.Faults.Problem() is { } problem)
            throw new InvalidOperationException($"Simulator:Faults: {problem}");
        var certificates = GbcPortal.Core.Gbc.Certificates.CertificateLoader.Resolve(options.Certificates, CertificateParty.Utility, options.CreateDevCertificates);
        var accounts = new AccountStore(options.Accounts);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SimulatorHost).Assembly.GetName().Name });
        ListenOptions? api = null, admin = null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(apiEndpoint, listen =>
            {
                api = listen;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificates.Server,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = certificates.PeerTrust.ValidateClient,
                    CheckCertificateRevocation = false, // dev CAs publish no revocation lists
                });
            });
            kestrel.Listen(adminEndpoint, listen => admin = listen);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.AddSingleton(loggerFactory ?? NullLoggerFactory.Instance);
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        AddServices(builder.Services, options, accounts, certificates, timeProvider);

        var app = builder.Build();
        app.UseRouting();
        app.MapGbcApi();
        app.MapSimulatorAdmin();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var apiUri = new Uri($"https://{Host(api!)}/");
        app.Services.GetRequiredService<CallbackComposer>().ApiBase = apiUri;
        return new SimulatorHandle(app, apiUri, new Uri($"http://{Host(admin!)}/"));
    }

    private static void AddServices(IServiceCollection services, SimulatorOptions options, AccountStore accounts, PartyCertificates certificates, TimeProvider time)
    {
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(accounts);
        services.AddSingleton(new FaultState(options.Faults));
        services.AddSingleton(new SimRandom(options.Seed is { } seed ? new Random(seed) : new Random()));
        services.AddSingleton(new UsageData(time, options.HistoryDays));
        services.AddSingleton<SimulatorMetrics>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<ResourceStore>();
        services.AddSingleton<CallbackComposer>();
        services.AddSingleton<UsageRequestHandler>();
        services.AddSingleton(sp => new CallbackSender(
            new HttpClient(MutualTls.CreateHandler(certificates)) { Timeout = Timeout.InfiniteTimeSpan },
            options,
            sp.GetRequiredService<ILogger<CallbackSender>>()));
        services.AddSingleton<DeliveryScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryScheduler>());
    }

    private static IPEndPoint Endpoint(string url, string scheme, string name)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != scheme)
            throw new InvalidOperationException($"Simulator:{name} must be an absolute {scheme} URL; '{url}' is not.");
        var address = uri.Host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host, out var parsed) ? parsed
            : throw new InvalidOperationException($"Simulator:{name} must name an IP address or localhost; '{url}' does not.");
        return new IPEndPoint(address, uri.Port);
    }

    private static string Host(ListenOptions listen)
    {
        var endpoint = listen.IPEndPoint!;
        var address = endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString();
        return $"{address}:{endpoint.Port}";
    }
}
