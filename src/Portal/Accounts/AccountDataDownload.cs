using System.IO.Compression;
using System.Security.Claims;
using GbcPortal.Core.Usage;
using GbcPortal.Portal.Hosting;
using Microsoft.Extensions.Options;

namespace GbcPortal.Portal.Accounts;

/// <summary>
/// "Download all my data": one zip with every service's whole history as CSV and as Green Button
/// XML, written by the usage downloads' own exporter.
/// </summary>
public static class AccountDataDownload
{
    public const string Path = "/Account/Manage/download-all.zip";

    public static IEndpointRouteBuilder MapAccountDataDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (ClaimsPrincipal user, StatusQueries status, UsageExport export, IOptions<PortalOptions> portal, HttpContext http) =>
        {
            var ownerId = user.FindFirstValue(ClaimTypes.NameIdentifier);
            if (ownerId is null)
                return Results.NotFound();
            http.Response.Headers.CacheControl = "no-store";
            var root = UsageExport.ResourceRoot(PublicBase(portal.Value, http));
            return Results.Stream(body => WriteAsync(ownerId, body, status, export, root, http.RequestAborted),
                "application/zip", "gbcportal-my-data.zip");
        }).RequireAuthorization();
        return app;
    }

    // The zip is built in a temporary file, deleted on close, then copied to the response: the zip
    // writer's own headers and descriptors are written synchronously, which Kestrel refuses.
    private static async Task WriteAsync(string ownerId, Stream body, StatusQueries status, UsageExport export, Uri root, CancellationToken ct)
    {
        await using var file = new FileStream(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gbc-my-data-" + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (var zip = await ZipArchive.CreateAsync(file, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            foreach (var service in await status.GetServicesAsync(ownerId, ct))
            {
                if (await export.FindAsync(ownerId, service.ServiceId, from: null, to: null, ct) is not { } data)
                    continue;
                var name = $"{data.ServiceId}/usage-{data.ServiceId}-all";
                await using (var csv = await zip.CreateEntry(name + ".csv").OpenAsync(ct))
                    await export.WriteCsvAsync(data, csv, ct);
                await using (var xml = await zip.CreateEntry(name + ".xml").OpenAsync(ct))
                    await export.WriteEspiAsync(data, xml, root, ct);
            }
        }
        file.Position = 0;
        await file.CopyToAsync(body, ct);
    }

    // The same base as the usage downloads: the portal's public address, else this request's own.
    private static Uri PublicBase(PortalOptions options, HttpContext http)
    {
        var configured = options.PublicBaseUrl;
        var portal = string.IsNullOrWhiteSpace(configured) ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}" : configured;
        return Uri.TryCreate(portal, UriKind.Absolute, out var uri) ? uri : new Uri("http://localhost");
    }
}
