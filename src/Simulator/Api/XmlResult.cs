using Microsoft.AspNetCore.Http;

namespace GbcPortal.Simulator.Api;

/// <summary>An XML body with any status code (Results.Bytes always answers 200).</summary>
internal sealed class XmlResult(byte[] body, int statusCode) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/xml; charset=utf-8";
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
