using System.Globalization;
using System.Security.Claims;
using GbcPortal.Core.Usage;
using GbcPortal.Portal.Hosting;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Components.Pages.Usage;

/// <summary>
/// A service's usage as a file, CSV or Green Button ESPI XML: the period on the usage page
/// (<c>download.csv|xml?view=&amp;date=</c>) or the whole history (<c>download-history.csv|xml</c>). Files are
/// streamed from the database to the response. Only the owner gets them; anyone else gets 404.
/// </summary>
public static class UsageDownloads
{
    private const string Csv = "text/csv; charset=utf-8", Xml = "application/atom+xml";

    public static IEndpointRouteBuilder MapUsageDownloads(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/usage/{serviceId}").RequireAuthorization();
        group.MapGet("/download.csv", (string serviceId, string? view, string? date, ClaimsPrincipal user, UsageExport export,
                IOptions<PortalOptions> portal, HttpContext http, CancellationToken ct) =>
            PeriodAsync(serviceId, view, date, user, export, Root(portal, http), http, "csv", ct));
        group.MapGet("/download.xml", (string serviceId, string? view, string? date, ClaimsPrincipal user, UsageExport export,
                IOptions<PortalOptions> portal, HttpContext http, CancellationToken ct) =>
            PeriodAsync(serviceId, view, date, user, export, Root(portal, http), http, "xml", ct));
        group.MapGet("/download-history.csv", (string serviceId, ClaimsPrincipal user, UsageExport export, IOptions<PortalOptions> portal,
                HttpContext http, CancellationToken ct) =>
            HistoryAsync(serviceId, user, export, Root(portal, http), http, "csv", ct));
        group.MapGet("/download-history.xml", (string serviceId, ClaimsPrincipal user, UsageExport export, IOptions<PortalOptions> portal,
                HttpContext http, CancellationToken ct) =>
            HistoryAsync(serviceId, user, export, Root(portal, http), http, "xml", ct));
        return app;
    }

    private static async Task<IResult> PeriodAsync(string serviceId, string? viewText, string? dateText, ClaimsPrincipal user,
        UsageExport export, Uri root, HttpContext http, string format, CancellationToken ct)
    {
        if (!Enum.TryParse<UsageView>(viewText ?? "day", ignoreCase: true, out var view) || !Enum.IsDefined(view))
            return Results.Problem("view must be day, week, month or year.", statusCode: StatusCodes.Status400BadRequest);
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var anchor))
            return Results.Problem("date must be a day as yyyy-MM-dd.", statusCode: StatusCodes.Status400BadRequest);
        var ownerId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (ownerId is null || await export.FindPeriodAsync(ownerId, serviceId, view, anchor, ct) is not { } data)
            return Results.NotFound(); // the same answer whether it does not exist or is someone else's
        return File(data, export, root, http, format, $"usage-{data.ServiceId}-{view.ToString().ToLowerInvariant()}-{anchor:yyyy-MM-dd}");
    }

    private static async Task<IResult> HistoryAsync(string serviceId, ClaimsPrincipal user, UsageExport export, Uri root,
        HttpContext http, string format, CancellationToken ct)
    {
        var ownerId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (ownerId is null || await export.FindAsync(ownerId, serviceId, from: null, to: null, ct) is not { } data)
            return Results.NotFound();
        return File(data, export, root, http, format, $"usage-{data.ServiceId}-all");
    }

    // Streamed: the status and headers go first, so a failure half-way aborts the response (the
    // client sees an incomplete download) rather than turning into a 500.
    private static IResult File(UsageExportData data, UsageExport export, Uri root, HttpContext http, string format, string name)
    {
        http.Response.Headers.CacheControl = "no-store";
        var ct = http.RequestAborted;
        return format == "csv"
            ? Results.Stream(body => export.WriteCsvAsync(data, body, ct), Csv, name + ".csv")
            : Results.Stream(body => export.WriteEspiAsync(data, body, root, ct), Xml, name + ".xml");
    }

    // One base for every link of a document: the portal's public address, else this request's own.
    private static Uri Root(IOptions<PortalOptions> options, HttpContext http)
    {
        var configured = options.Value.PublicBaseUrl;
        var portal = string.IsNullOrWhiteSpace(configured) ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}" : configured;
        return UsageExport.ResourceRoot(Uri.TryCreate(portal, UriKind.Absolute, out var uri) ? uri : new Uri("http://localhost"));
    }
}
