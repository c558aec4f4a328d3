using System.Net;
using GbcPortal.Core.Gbc.Certificates;
using GbcPortal.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace GbcPortal.Core.Gbc;

public static class GbcServiceCollectionExtensions
{
    /// <summary>
    /// The Green Button Connect protocol, both transactions: <see cref="GbcClient"/> as the dispatcher's
    /// <see cref="IUtilityClient"/> (a typed client, options from section <c>Utility</c>, validated on start; the
    /// portal's client certificate and the utility's CA or thumbprint from <see cref="PartyCertificates"/>, resolved
    /// from section <c>Certificates</c> unless the host registered one; retries for resource downloads only), and
    /// the <see cref="CallbackIntake"/> with the one body limit (section <c>Callback</c>). The host provides the
    /// <see cref="ICallbackAddress"/>.
    /// </summary>
    public static IServiceCollection AddGbc(this IServiceCollection services)
    {
        services.AddOptions<GbcClientOptions>().BindConfiguration(GbcClientOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BodyLimitOptions>().BindConfiguration(BodyLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CertificatesOptions>().BindConfiguration(CertificatesOptions.SectionName);
        services.TryAddSingleton(sp => CertificateLoader.Resolve(
            sp.GetRequiredService<IOptions<CertificatesOptions>>().Value,
            CertificateParty.Portal,
            createDevSet: sp.GetService<IHostEnvironment>()?.IsDevelopment() ?? false));

        var builder = services.AddHttpClient<GbcClient>(GbcClient.HttpClientName, (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<GbcClientOptions>>().Value;
            var baseUrl = options.BaseUrl!.AbsoluteUri;
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline times each attempt
        });
        builder.ConfigurePrimaryHttpMessageHandler(sp => MutualTls.CreateHandler(sp.GetRequiredService<PartyCertificates>()));
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
        services.AddTransient<IUtilityClient>(sp => sp.GetRequiredService<GbcClient>());
        services.AddSingleton<CallbackIntake>();
        return services;
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
