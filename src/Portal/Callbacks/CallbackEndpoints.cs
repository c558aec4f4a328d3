namespace GbcPortal.Portal.Callbacks;

/// <summary>Maps the utility's callback route; it answers only on the mutual-TLS callback port.</summary>
public static class CallbackEndpoints
{
    public const string Path = "/gbc/callback";

    public static IEndpointConventionBuilder MapCallbackEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, (HttpContext context, CallbackReceiver receiver) => receiver.ReceiveAsync(context))
            .DisableAntiforgery()
            .AllowAnonymous() // the TLS handshake has already proven the caller is the utility
            .ExcludeFromDescription();
}
