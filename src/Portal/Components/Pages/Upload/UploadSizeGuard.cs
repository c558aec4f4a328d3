using Microsoft.AspNetCore.Http.Features;

namespace GbcPortal.Portal.Components.Pages.Upload;

/// <summary>
/// Answers an upload larger than the limit before its body is read: the browser is sent back to
/// the form with a message, instead of Kestrel's bare 413. A browser reads no answer before it has
/// sent the whole body (a reset connection shows as "This site can't be reached"), so the body is
/// read and thrown away, up to <see cref="DrainLimitBytes"/>; nothing of it is kept.
/// </summary>
public static class UploadSizeGuard
{
    public const string Path = "/upload";

    public const string TooLarge = "too-large";

    public const string TooLargeMessage = "This file is larger than 50 MB, the most we accept. Download a shorter period from your utility and upload it in parts.";

    /// <summary>The request limit: the file's 50 MB plus the form's other fields and multipart framing.</summary>
    public const long MaxRequestBytes = Core.Upload.UploadService.MaxBytes + 1024 * 1024;

    /// <summary>Past this the connection is simply closed: nobody downloads a Green Button file that large.</summary>
    public const long DrainLimitBytes = 512L * 1024 * 1024;

    public static IApplicationBuilder UseUploadSizeGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)
            && context.Request.ContentLength > MaxRequestBytes)
        {
            if (context.Request.ContentLength > DrainLimitBytes)
            {
                context.Abort();
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = DrainLimitBytes;
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            // 303: the browser follows with a GET and shows the form with the message.
            context.Response.Redirect($"{context.Request.PathBase}{Path}?refused={TooLarge}");
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            return;
        }
        await next(context);
    });
}
