using System.Net;
using System.Net.Security;
using GbcPortal.Core.Utility.Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace GbcPortal.Core.Utility;

public static class GbcClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GbcClient"/> as a typed client: options from section <c>Utility</c>
    /// (validated on start), the portal's client certificate and the utility's CA or thumbprint
    /// from <see cref="PartyCertificates"/> (resolved from section <c>Certificates</c> unless the
    /// host registered one), and retries for connection failures and 503 only.
    /// </summary>
    public static IHttpClientBuilder AddGbcClient(this IServiceCollection services)
    {
        services.AddOptions<GbcClientOptions>().BindConfiguration(GbcClientOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CertificatesOptions>().BindConfiguration(CertificatesOptions.SectionName);
        services.TryAddSingleton(sp => CertificateLoader.Resolve(
            sp.GetRequiredService<IOptions<CertificatesOptions>>().Value,
            CertificateParty.Portal,
            createDevSet: sp.GetService<IHostEnvironment>()?.IsDevelopment() ?? false));

        var builder = services.AddHttpClient<GbcClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<GbcClientOptions>>().Value;
            var baseUrl = options.BaseUrl!.AbsoluteUri;
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline times each attempt
        });
        builder.ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<PartyCertificates>()));
        builder.AddResilienceHandler("gbc", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<GbcClientOptions>>().Value;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                // Only resource downloads: every UsageRequest POST counts against the utility's rate
                // limit, so a POST that failed goes back to dispatch and takes a slot of the budget again.
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0
                    && args.Context.GetRequestMessage()?.Method == HttpMethod.Get && IsTransient(args.Outcome)),
            });
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }

    /// <summary>The mutual-TLS handler: our client certificate out, the utility's certificate checked against its CA or pin.</summary>
    public static SocketsHttpHandler CreateHandler(PartyCertificates certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [certificates.Client],
                RemoteCertificateValidationCallback = certificates.PeerTrust.ValidateServer,
            },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
        };
    }

    // Connection resets and 503s are worth another try; a 4xx is an answer, and a refused
    // certificate will be refused again.
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException e } => !GbcClient.IsCertificateFailure(e),
        { Exception: Polly.Timeout.TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.ServiceUnavailable } => true,
        _ => false,
    };
}
