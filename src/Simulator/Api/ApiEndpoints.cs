using GbcPortal.Simulator.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GbcPortal.Simulator.Api;

/// <summary>The utility's GBC API, served on the mutual-TLS listener only.</summary>
internal static class ApiEndpoints
{
    public static void MapGbcApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/GreenButtonConnect/espi/1_1").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.IsHttps ? await next(context) : Results.NotFound());

        api.MapPost("/UsageRequest", (HttpContext context, UsageRequestHandler handler) => handler.HandleAsync(context));
        api.MapGet("/resource/Batch/Bulk/{utilityRequestId}", GetResourceAsync);
    }

    /// <summary>Notify mode: the feed behind a BatchList URI, for the certificate that asked for it only.</summary>
    private static async Task<IResult> GetResourceAsync(string utilityRequestId, HttpContext context, ResourceStore resources, CallbackComposer composer)
    {
        var job = resources.Find(utilityRequestId);
        if (job is null)
            return Results.NotFound();
        var certificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted).ConfigureAwait(false);
        if (certificate is null || !string.Equals(certificate.Thumbprint, job.RequestorThumbprint, StringComparison.OrdinalIgnoreCase))
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        return Results.Bytes(composer.Feed(job), CallbackComposer.AtomContentType);
    }
}
