using System.Globalization;
using System.Security.Claims;
using GbcPortal.Core.Usage;

namespace GbcPortal.Portal.Components.Pages.Usage;

/// <summary>The period on the usage page as a file: CSV or Green Button ESPI XML. Only the owner gets it.</summary>
public static class UsageDownloads
{
    public static IEndpointRouteBuilder MapUsageDownloads(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/usage/{serviceId}").RequireAuthorization();
        group.MapGet("/download.csv", (string serviceId, string? view, string? date, ClaimsPrincipal user, UsageExport export,
                HttpContext http, CancellationToken ct) =>
            DownloadAsync(serviceId, view, date, user, export, http, "csv", "text/csv; charset=utf-8",
                (data, stream) => UsageExport.WriteCsvAsync(data, stream, ct), ct));
        group.MapGet("/download.xml", (string serviceId, string? view, string? date, ClaimsPrincipal user, UsageExport export,
                HttpContext http, CancellationToken ct) =>
            DownloadAsync(serviceId, view, date, user, export, http, "xml", "application/atom+xml",
                (data, stream) =>
                {
                    UsageExport.WriteEspi(data, stream);
                    return Task.CompletedTask;
                }, ct));
        return app;
    }

    private static async Task<IResult> DownloadAsync(string serviceId, string? viewText, string? dateText, ClaimsPrincipal user,
        UsageExport export, HttpContext http, string extension, string contentType, Func<UsageExportData, Stream, Task> write,
        CancellationToken ct)
    {
        if (!Enum.TryParse<UsageView>(viewText ?? "day", ignoreCase: true, out var view) || !Enum.IsDefined(view))
            return Results.Problem("view must be day, week, month or year.", statusCode: StatusCodes.Status400BadRequest);
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var anchor))
            return Results.Problem("date must be a day as yyyy-MM-dd.", statusCode: StatusCodes.Status400BadRequest);
        var ownerId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (ownerId is null || await export.LoadPeriodAsync(ownerId, serviceId, view, anchor, ct) is not { } data)
            return Results.NotFound(); // the same answer whether it does not exist or is someone else's

        // Written to memory first (a year is a few MB): a failure then is a clean 500, not a truncated file.
        var buffer = new MemoryStream();
        await write(data, buffer);
        var name = $"usage-{data.ServiceId}-{view.ToString().ToLowerInvariant()}-{anchor:yyyy-MM-dd}.{extension}";
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(buffer.ToArray(), contentType, name);
    }
}
